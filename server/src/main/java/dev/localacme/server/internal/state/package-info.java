/**
 * The state of the CA: immutable records for accounts, orders, authorizations, challenges and
 * certificates, whose status changes only through named transitions, and the store that holds them.
 */
package dev.localacme.server.internal.state;

/**
 * Challenge validation (RFC 8555 section 8): one validator per challenge type, and the routing that
 * decides where each identifier is validated.
 */
package dev.localacme.server.internal.validation;

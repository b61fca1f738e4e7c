/** The certificate authority: keys, roots and intermediates, issuance, CSR checks, PEM. */
package dev.localacme.server.internal.ca;

package dev.localacme.server;

/**
 * The key type of LocalAcme's own root and intermediate certificates. ECDSA P-256 is the default:
 * it is fast to generate and sign with, and every TLS client accepts it.
 */
public enum KeyAlgorithm {
  /** ECDSA on P-256 with SHA-256. */
  EC_P256,
  /** ECDSA on P-384 with SHA-384. */
  EC_P384,
  /** RSA 2048 with SHA-256, as Pebble's default. */
  RSA_2048,
  /** RSA 3072 with SHA-256. */
  RSA_3072,
  /** RSA 4096 with SHA-256. */
  RSA_4096
}

/**
 * {@link dev.localacme.testkit.containers.LocalAcmeContainer}: LocalAcme's container image for
 * Testcontainers. Needs {@code org.testcontainers:testcontainers} on the class path, which the
 * testkit declares optional: add it to use this package.
 */
package dev.localacme.testkit.containers;

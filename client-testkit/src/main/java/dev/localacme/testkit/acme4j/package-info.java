/**
 * acme4j support, for systems under test that obtain their certificates with acme4j. acme4j is an
 * optional dependency of the testkit: only this package needs it.
 */
package dev.localacme.testkit.acme4j;

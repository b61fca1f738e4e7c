/**
 * The JUnit extension {@link dev.localacme.testkit.LocalAcme}: an in-process ACME server per test
 * class, trust for the system under test, and helpers to assert what it serves.
 */
package dev.localacme.testkit;

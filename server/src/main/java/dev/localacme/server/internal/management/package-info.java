/**
 * The management API: Pebble's read routes (roots, intermediates, certificate status) and
 * LocalAcme's own controls.
 */
package dev.localacme.server.internal.management;

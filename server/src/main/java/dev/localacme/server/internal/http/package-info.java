/**
 * The ACME API over HTTPS: the routing table ({@link
 * dev.localacme.server.internal.http.AcmeRoutes}, the only place that knows URLs), one handler per
 * operation, and the wrappers every request passes through.
 */
package dev.localacme.server.internal.http;

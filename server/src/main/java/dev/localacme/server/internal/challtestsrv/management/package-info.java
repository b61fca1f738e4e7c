/**
 * pebble-challtestsrv's management API: one small class per route, all registered in {@link
 * dev.localacme.server.internal.challtestsrv.management.ChallTestSrvRoutes}.
 */
package dev.localacme.server.internal.challtestsrv.management;

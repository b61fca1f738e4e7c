package dev.localacme.server.internal.challtestsrv.management;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One management route: reads its JSON body, changes state, answers. */
interface Route {
  /** One log line per change, as pebble-challtestsrv prints them. */
  Logger LOG = LoggerFactory.getLogger("dev.localacme.challtestsrv");

  Reply handle(Body body);
}

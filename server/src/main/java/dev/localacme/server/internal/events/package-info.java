/** Delivery of protocol events to listeners, and the readable log line for each. */
package dev.localacme.server.internal.events;

package dev.localacme.server.internal.challtestsrv.management;

import dev.localacme.server.internal.protocol.Json;
import java.nio.charset.StandardCharsets;

/** A management answer: 200 with an empty body, a JSON body, or an error text (as Go's). */
record Reply(int status, String contentType, byte[] body) {
  static final String JSON = "application/json; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  static Reply ok() {
    return new Reply(200, null, new byte[0]);
  }

  static Reply json(Object value) {
    return new Reply(200, JSON, Json.write(value));
  }

  static Reply error(int status, String message) {
    return new Reply(status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** 400, as pebble-challtestsrv answers a missing or empty field. */
  static Reply badRequest(String message) {
    return error(400, message);
  }
}

package dev.localacme.server.internal.validation;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/**
 * Where DNS answers come from: LocalAcme's own records (answered in-process, as its DNS server
 * would) or a DNS server the user names (UDP, retried over TCP when the answer is truncated).
 */
public interface DnsSource {
  /** Sends one query and returns the reply. */
  Message query(Message query) throws IOException;

  /** Where answers come from, for messages, for example {@code DNS server 127.0.0.1:8053}. */
  String describe();

  /** Answers from a responder in this process; messages go through the wire format both ways. */
  static DnsSource inProcess(UnaryOperator<Message> responder, String description) {
    return new DnsSource() {
      @Override
      public Message query(Message query) throws IOException {
        return new Message(responder.apply(new Message(query.toWire())).toWire());
      }

      @Override
      public String describe() {
        return description;
      }
    };
  }

  /** Asks the DNS server at {@code address}, waiting at most {@code timeout} per query. */
  static DnsSource server(InetSocketAddress address, Duration timeout) {
    SimpleResolver resolver = new SimpleResolver(address);
    resolver.setTimeout(timeout);
    String description =
        "DNS server "
            + (address.getAddress().getHostAddress().contains(":")
                ? "[" + address.getAddress().getHostAddress() + "]"
                : address.getAddress().getHostAddress())
            + ":"
            + address.getPort();
    return new DnsSource() {
      @Override
      public Message query(Message query) throws IOException {
        return resolver.send(query);
      }

      @Override
      public String describe() {
        return description;
      }
    };
  }

  /** Parses {@code host:port}, {@code [v6]:port}, or a host alone (port 53). */
  static InetSocketAddress parseServer(String value) {
    String text = value.trim();
    String host = text;
    int port = 53;
    try {
      if (text.startsWith("[")) {
        int close = text.indexOf(']');
        host = text.substring(1, close);
        if (text.length() > close + 1) {
          port = Integer.parseInt(text.substring(close + 2));
        }
      } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
        host = text.substring(0, text.indexOf(':'));
        port = Integer.parseInt(text.substring(text.indexOf(':') + 1));
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "\"" + value + "\" is not a DNS server address; write host:port, as 127.0.0.1:8053");
    }
    if (host.isEmpty()) {
      host = "127.0.0.1";
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("the DNS server's port must be 1 to 65535: " + value);
    }
    return new InetSocketAddress(host, port);
  }
}

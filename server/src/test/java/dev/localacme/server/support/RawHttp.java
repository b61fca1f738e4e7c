package dev.localacme.server.support;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/1.0 by hand, so a test can send any Host header (the JDK client forbids setting it) and,
 * over TLS, any SNI and ALPN offer without checking the server's certificate.
 */
public final class RawHttp {
  /** What came back: status code, the raw head and the body. */
  public record Reply(int status, String head, String body) {
    public String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  private RawHttp() {}

  public static Reply get(int port, String host, String path) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(5000);
      return exchange(socket, host, path);
    }
  }

  public static Reply getTls(int port, String host, String sni, String path) throws Exception {
    try (SSLSocket socket = tls(port, sni, List.of())) {
      socket.startHandshake();
      return exchange(socket, host, path);
    }
  }

  /** A finished handshake offering {@code protocols} over ALPN; the caller closes it. */
  public static SSLSocket tls(int port, String sni, List<String> protocols) throws Exception {
    SSLSocket socket =
        (SSLSocket) TrustAll.context().getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSoTimeout(5000);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setServerNames(List.of(new SNIHostName(sni)));
    parameters.setApplicationProtocols(protocols.toArray(String[]::new));
    socket.setSSLParameters(parameters);
    return socket;
  }

  private static Reply exchange(Socket socket, String host, String path) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: raw-test\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    String head = split < 0 ? text : text.substring(0, split);
    String body = split < 0 ? "" : text.substring(split + 4);
    int status = Integer.parseInt(head.split(" ")[1]);
    return new Reply(status, head, body);
  }
}

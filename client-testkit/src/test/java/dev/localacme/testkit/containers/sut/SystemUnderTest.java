package dev.localacme.testkit.containers.sut;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A stand-in for a system under test, on {@code java.base} alone so that it also runs in the
 * LocalAcme image's trimmed Java runtime, and in one class file so that it is easy to copy into a
 * container. It answers http-01 for one account statelessly (the key authorization is the token, a
 * dot and the account key's thumbprint: RFC 8555 section 8.1), recording each request; and it
 * fetches a URL over TLS trusting one root, checking the host name.
 *
 * <pre>
 * java -cp /sut dev.localacme.testkit.containers.sut.SystemUnderTest serve PORT THUMBPRINT
 * java -cp /sut dev.localacme.testkit.containers.sut.SystemUnderTest get URL ROOT.PEM
 * </pre>
 */
public final class SystemUnderTest implements AutoCloseable {
  private static final String CHALLENGE_PATH = "/.well-known/acme-challenge/";

  private final ServerSocket socket;
  private volatile String thumbprint;
  private volatile boolean printRequests;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private SystemUnderTest(ServerSocket socket, String thumbprint) {
    this.socket = socket;
    this.thumbprint = thumbprint;
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("serve")) {
      SystemUnderTest sut = serve(null, Integer.parseInt(args[1]), args[2]);
      sut.printRequests = true; // to the container's log, where tests look
      System.out.println("http-01 responder listening on port " + sut.port());
      Thread.currentThread().join();
    } else if (args.length == 3 && args[0].equals("get")) {
      int status = get(new URL(args[1]), args[2]);
      System.out.println(status);
      System.exit(status == 200 ? 0 : 1);
    } else {
      System.err.println("usage: serve PORT THUMBPRINT | get URL ROOT.PEM");
      System.exit(2);
    }
  }

  /** Answers http-01 on {@code address} (null: every interface) and {@code port} (0: any). */
  public static SystemUnderTest serve(InetAddress address, int port, String thumbprint)
      throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(address, port), 50);
    SystemUnderTest sut = new SystemUnderTest(socket, thumbprint);
    sut.executor.execute(sut::accept);
    return sut;
  }

  /** The account whose challenges to answer, for a responder started before the account. */
  public void thumbprint(String thumbprint) {
    this.thumbprint = thumbprint;
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** Every request so far: {@code GET <path> Host: <host> from <address>}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    executor.shutdownNow();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        executor.execute(() -> answer(connection));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void answer(Socket connection) {
    try (connection) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
      String[] requestLine = String.valueOf(in.readLine()).split(" ");
      String host = "";
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        if (line.regionMatches(true, 0, "Host:", 0, 5)) {
          host = line.substring(5).trim();
        }
      }
      String path = requestLine.length > 1 ? requestLine[1] : "";
      String record =
          requestLine[0]
              + " "
              + path
              + " Host: "
              + host
              + " from "
              + connection.getInetAddress().getHostAddress();
      requests.add(record);
      if (printRequests) {
        System.out.println(record);
      }
      String token = path.startsWith(CHALLENGE_PATH) ? path.substring(CHALLENGE_PATH.length()) : "";
      boolean known = token.matches("[A-Za-z0-9_-]+");
      String body = known ? token + "." + thumbprint : "not a challenge";
      byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
      OutputStream out = connection.getOutputStream();
      out.write(
          ((known ? "HTTP/1.1 200 OK" : "HTTP/1.1 404 Not Found")
                  + "\r\nContent-Type: text/plain\r\nContent-Length: "
                  + bytes.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      System.out.println("request failed: " + e);
    }
  }

  private static int get(URL url, String rootPem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream pem = new FileInputStream(rootPem)) {
      trust.setCertificateEntry(
          "root", CertificateFactory.getInstance("X.509").generateCertificate(pem));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, factory.getTrustManagers(), null);
    HttpsURLConnection connection = (HttpsURLConnection) url.openConnection();
    connection.setSSLSocketFactory(tls.getSocketFactory());
    connection.setRequestProperty("User-Agent", "system-under-test");
    return ((HttpURLConnection) connection).getResponseCode();
  }
}

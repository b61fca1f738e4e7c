package dev.localacme.server.internal.validation;

import dev.localacme.server.internal.protocol.Identifiers;
import dev.localacme.server.internal.protocol.ProblemType;
import dev.localacme.server.internal.protocol.ValidationRecordJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.util.Timeout;

/**
 * http-01 (RFC 8555 section 8.3, RFC 8738 section 5): GET {@code
 * http://<identifier>:<port>/.well-known/acme-challenge/<token>} with the identifier as Host,
 * connecting to the identifier's target. Redirects are followed (at most 10, http and https, the
 * latter without certificate checks, as Boulder does); the body is read up to a cap and must be the
 * key authorization, trailing white space aside.
 */
public final class Http01Validator implements ChallengeValidator, AutoCloseable {
  static final int MAX_BODY = 4096;
  private static final int EXCERPT = 120;

  private final Targets targets;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final String userAgent;
  // Built on the first validation: many servers (tests with validation off, say) never validate,
  // and on a cold JVM the client costs a tenth of the server's start-up.
  private CloseableHttpClient client;
  private boolean closed;

  public Http01Validator(
      Targets targets, Duration connectTimeout, Duration readTimeout, String userAgent) {
    this.targets = targets;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.userAgent = userAgent;
  }

  private synchronized CloseableHttpClient client() throws IOException {
    if (closed) {
      throw new IOException("the validator is closed");
    }
    if (client == null) {
      client = newClient();
    }
    return client;
  }

  private CloseableHttpClient newClient() {
    DnsResolver resolver =
        new DnsResolver() {
          @Override
          public InetAddress[] resolve(String host) throws UnknownHostException {
            return targets.addresses(host);
          }

          @Override
          public String resolveCanonicalHostname(String host) {
            return host;
          }
        };
    return HttpClients.custom()
        .setConnectionManager(
            PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setTlsSocketStrategy(
                    ClientTlsStrategyBuilder.create()
                        .setSslContext(trustAll())
                        .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                        .buildClassic())
                .setDefaultConnectionConfig(
                    ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        .build())
                .setMaxConnTotal(256)
                .setMaxConnPerRoute(64)
                .build())
        .setConnectionReuseStrategy((request, response, context) -> false)
        .setDefaultRequestConfig(
            RequestConfig.custom()
                .setRedirectsEnabled(true)
                .setMaxRedirects(10)
                .setResponseTimeout(Timeout.of(readTimeout))
                .build())
        .setUserAgent(userAgent)
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .build();
  }

  @Override
  public String type() {
    return "http-01";
  }

  @Override
  public ValidationResult validate(ValidationRequest request) {
    String name = request.identifier().value();
    int port = targets.http01Port(name);
    String hostPart = request.identifier().isIp() && name.contains(":") ? "[" + name + "]" : name;
    URI uri =
        URI.create(
            "http://"
                + hostPart
                + (port == 80 ? "" : ":" + port)
                + "/.well-known/acme-challenge/"
                + request.token());
    String addresses = describeAddresses(name);
    String target = uri + " (" + addresses + ":" + port + ")";
    HttpClientContext context = HttpClientContext.create();
    try {
      Fetched fetched = client().execute(new HttpGet(uri), context, Http01Validator::read);
      List<ValidationRecordJson> records = records(uri, name, port, addresses, context, fetched);
      String seen = "HTTP " + fetched.status() + ", body " + quote(fetched.body());
      String via = redirects(context);
      if (fetched.status() != 200) {
        return ValidationResult.invalid(
            ProblemType.INCORRECT_RESPONSE,
            "GET "
                + target
                + via
                + " returned HTTP "
                + fetched.status()
                + " instead of 200 with the"
                + " key authorization; body "
                + quote(fetched.body()),
            target,
            seen,
            records);
      }
      String body = fetched.body().stripTrailing();
      if (!body.equals(request.keyAuthorization())) {
        return ValidationResult.invalid(
            ProblemType.INCORRECT_RESPONSE,
            "GET "
                + target
                + via
                + " returned "
                + quote(fetched.body())
                + " but the key"
                + " authorization is "
                + quote(request.keyAuthorization()),
            target,
            seen,
            records);
      }
      return ValidationResult.valid(target, seen, records);
    } catch (IOException e) {
      return failure(e, target, uri, name, port, addresses);
    }
  }

  private ValidationResult failure(
      IOException e, String target, URI uri, String name, int port, String addresses) {
    List<ValidationRecordJson> records =
        List.of(
            new ValidationRecordJson(
                uri.toString(),
                name,
                String.valueOf(port),
                List.of(addresses),
                null,
                String.valueOf(e.getMessage())));
    ProblemType type = ProblemType.CONNECTION;
    String what;
    if (e instanceof UnknownHostException) {
      type = ProblemType.DNS;
      what = "the name does not resolve: " + e.getMessage();
    } else if (e instanceof HttpHostConnectException || e instanceof ConnectException) {
      what =
          "connection refused: nothing is listening there. Start the system under test's http-01"
              + " responder on that port, or point LocalAcme at its port";
    } else if (e instanceof ConnectTimeoutException) {
      what = "no connection within " + connectTimeout.toMillis() + " ms";
    } else if (e instanceof SocketTimeoutException) {
      what = "no response within " + readTimeout.toMillis() + " ms";
    } else if (e instanceof SSLException) {
      type = ProblemType.TLS;
      what = "TLS failed on a redirect to https: " + e.getMessage();
    } else if (e.getCause() instanceof RedirectException
        || e.getCause() instanceof ProtocolException) {
      what = e.getCause().getMessage();
    } else {
      what = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    return ValidationResult.invalid(
        type, "GET " + target + " failed: " + what, target, what, records);
  }

  private String describeAddresses(String name) {
    try {
      return String.join(
          ",", Arrays.stream(targets.addresses(name)).map(Identifiers::canonicalIp).toList());
    } catch (UnknownHostException e) {
      return targets.host(name) + " (unresolvable)";
    }
  }

  private static List<ValidationRecordJson> records(
      URI uri,
      String name,
      int port,
      String addresses,
      HttpClientContext context,
      Fetched fetched) {
    List<ValidationRecordJson> records = new ArrayList<>();
    String used =
        context.getEndpointDetails() != null
                && context.getEndpointDetails().getRemoteAddress() != null
            ? context.getEndpointDetails().getRemoteAddress().toString()
            : null;
    records.add(
        new ValidationRecordJson(
            uri.toString(),
            name,
            String.valueOf(port),
            List.of(addresses.split(",")),
            used,
            "HTTP " + fetched.status()));
    if (context.getRedirectLocations() != null) {
      for (URI location : context.getRedirectLocations().getAll()) {
        records.add(
            new ValidationRecordJson(
                location.toString(),
                location.getHost(),
                String.valueOf(location.getPort()),
                null,
                null,
                "redirect target"));
      }
    }
    return records;
  }

  private static String redirects(HttpClientContext context) {
    if (context.getRedirectLocations() == null || context.getRedirectLocations().size() == 0) {
      return "";
    }
    return " (redirected to " + context.getRedirectLocations().getAll() + ")";
  }

  private record Fetched(int status, String body) {}

  private static Fetched read(ClassicHttpResponse response) throws IOException {
    HttpEntity entity = response.getEntity();
    String body = "";
    if (entity != null) {
      try (InputStream in = entity.getContent()) {
        body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
      }
    }
    return new Fetched(response.getCode(), body);
  }

  private static String quote(String body) {
    String excerpt = body.length() > EXCERPT ? body.substring(0, EXCERPT) + "..." : body;
    return "\"" + excerpt.replace("\n", "\\n").replace("\r", "\\r") + "\"";
  }

  private static SSLContext trustAll() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      TrustManager trustAll =
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
              // Redirects to https are fetched without certificate checks (RFC 8555 10.2, Boulder).
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          };
      context.init(null, new TrustManager[] {trustAll}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    closed = true;
    if (client != null) {
      client.close();
    }
  }
}

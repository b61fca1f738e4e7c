package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.Management;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.toolbox.AcmeUtils;

/**
 * The management API: Pebble's routes with Pebble's shapes, and LocalAcme's own listings and
 * controls.
 */
class ManagementApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final InProcessAcme acme =
      InProcessAcme.with(
          b -> b.managementPort(0).alternateRoots(1).externalAccountKey("configured", "AAAA"));

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"EC_P256", "RSA_2048"})
  void caKeysAreServedForEveryKeyTypeAndSignForTheirCertificates(KeyAlgorithm algorithm)
      throws Exception {
    try (AcmeServer typed =
        AcmeServer.builder().keyAlgorithm(algorithm).managementPort(0).alternateRoots(1).start()) {
      for (String kind : new String[] {"root", "intermediate"}) {
        for (int n = 0; n < 2; n++) {
          String plural = kind.equals("root") ? "roots" : "intermediates";
          X509Certificate certificate = certificate(api(typed).get("/" + plural + "/" + n).body());
          String pem = api(typed).get("/" + kind + "-keys/" + n).body();

          assertThat(pem)
              .startsWith(
                  algorithm == KeyAlgorithm.RSA_2048
                      ? "-----BEGIN RSA PRIVATE KEY-----"
                      : "-----BEGIN PRIVATE KEY-----");
          assertSignsFor(privateKey(pem), certificate);
        }
      }
      assertThat(api(typed).get("/root-keys/2").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void persistentRootKeepsItsKeysUnlessToldOtherwise(@TempDir Path data) throws Exception {
    try (AcmeServer persistent =
        AcmeServer.builder().dataDirectory(data).managementPort(0).crlPort(-1).start()) {
      HttpResponse<String> refused = api(persistent).get("/root-keys/0");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("--expose-ca-keys").doesNotContain("PRIVATE KEY");
      assertThat(api(persistent).get("/intermediate-keys/0").statusCode()).isEqualTo(403);
      assertThat(api(persistent).get("/roots/0").statusCode()).isEqualTo(200);
    }
    try (AcmeServer exposed =
        AcmeServer.builder()
            .dataDirectory(data)
            .exposeCaKeys(true)
            .managementPort(0)
            .crlPort(-1)
            .start()) {
      assertSignsFor(
          privateKey(api(exposed).get("/root-keys/0").body()),
          certificate(api(exposed).get("/roots/0").body()));
    }
  }

  @Test
  void caCertificatesLinkToTheirAlternates() throws Exception {
    HttpResponse<String> intermediate = api().get("/intermediates/0");

    assertThat(intermediate.statusCode()).isEqualTo(200);
    assertThat(intermediate.headers().allValues("Link"))
        .containsExactly(
            "<https://localhost:"
                + acme.server().managementPort()
                + "/intermediates/1>;rel=\"alternate\"");
    assertThat(api().get("/roots/1").headers().allValues("Link"))
        .containsExactly(
            "<https://localhost:" + acme.server().managementPort() + "/roots/0>;rel=\"alternate\"");
    assertThat(api().get("/roots/x").statusCode()).isEqualTo(404);
  }

  @Test
  void listsAccountsOrdersAndCertificatesAsJson() throws Exception {
    Certificate certificate = acme.issue("listed.test");
    String serial = certificate.getCertificate().getSerialNumber().toString(16);
    String accountId = acme.login().getAccountLocation().getPath().replaceAll(".*/", "");

    JsonNode accounts = json(api().get("/accounts"));
    JsonNode orders = json(api().get("/orders"));
    JsonNode certificates = json(api().get("/certificates"));

    assertThat(find(accounts, "id", accountId).path("status").asText()).isEqualTo("valid");
    JsonNode order = find(orders, "certificateSerial", serial);
    assertThat(order.path("status").asText()).isEqualTo("valid");
    assertThat(order.path("profile").asText()).isEqualTo("default");
    assertThat(order.path("accountId").asText()).isEqualTo(accountId);
    JsonNode listed = find(certificates, "serial", serial);
    assertThat(listed.path("identifiers").get(0).asText()).isEqualTo("listed.test");
    assertThat(listed.path("status").asText()).isEqualTo("valid");
    assertThat(listed.path("certId").asText())
        .isEqualTo(AcmeUtils.getRenewalUniqueIdentifier(certificate.getCertificate()));
    assertThat(listed.at("/suggestedWindow/start").asText()).endsWith("Z");
  }

  @Test
  void pebblesSetRenewalInfoMakesRenewalInfoAnswerTheBodyVerbatim() throws Exception {
    Certificate certificate = acme.issue("pebble-ari.test");
    String pem = pem(certificate.getCertificate());
    String window =
        "{\"suggestedWindow\":{\"start\":\"2020-01-01T00:00:00Z\",\"end\":\"2020-01-02T00:00:00Z\"}}";

    HttpResponse<String> set =
        api()
            .post(
                "/set-renewal-info/",
                JSON.createObjectNode()
                    .put("Certificate", pem)
                    .put("ARIResponse", window)
                    .toString());

    assertThat(set.statusCode()).isEqualTo(200);
    RenewalInfo info = certificate.getRenewalInfo();
    info.fetch();
    assertThat(info.getSuggestedWindowStart()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(info.renewalIsOverdue(Instant.now())).isTrue();

    // Pebble's keys are case-insensitive, and any body goes, even one that is not JSON.
    api()
        .post(
            "/set-renewal-info",
            JSON.createObjectNode()
                .put("certificate", pem)
                .put("ariresponse", "not json")
                .toString());
    HttpResponse<String> raw =
        getUrl(certificate.getRenewalInfoLocation().orElseThrow().toString());
    assertThat(raw.body()).isEqualTo("not json");
    assertThat(raw.headers().firstValue("Retry-After")).isPresent();

    X509Certificate foreign = certificate(api().get("/roots/0").body());
    String unknown =
        JSON.createObjectNode()
            .put("Certificate", pem(foreign))
            .put("ARIResponse", "{}")
            .toString();
    assertThat(api().post("/set-renewal-info/", unknown).statusCode()).isEqualTo(404);
  }

  @Test
  void renewalWindowRouteSetsTheWindowClientsSee() throws Exception {
    Certificate certificate = acme.issue("window.test");
    String path =
        "/certificates/"
            + certificate.getCertificate().getSerialNumber().toString(16)
            + "/renewal-window";
    RenewalInfo info = certificate.getRenewalInfo();

    assertThat(api().post(path, "{\"renewNow\":true}").statusCode()).isEqualTo(200);
    info.fetch();
    assertThat(info.renewalIsOverdue(Instant.now())).isTrue();

    String later = "{\"start\":\"2040-01-01T00:00:00Z\",\"end\":\"2040-01-03T00:00:00Z\"}";
    assertThat(api().post(path, later).statusCode()).isEqualTo(200);
    info.fetch();
    assertThat(info.getSuggestedWindowEnd()).isEqualTo(Instant.parse("2040-01-03T00:00:00Z"));

    String backwards = "{\"start\":\"2040-01-03T00:00:00Z\",\"end\":\"2040-01-01T00:00:00Z\"}";
    assertThat(api().post(path, backwards).statusCode()).isEqualTo(400);
    assertThat(api().post("/certificates/ffff/renewal-window", later).statusCode()).isEqualTo(404);
  }

  @Test
  void externalAccountKeysCanBeProvisionedAndListed() throws Exception {
    HttpResponse<String> created = api().post("/eab-keys", "{\"kid\":\"managed\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String hmacKey = json(created).path("hmacKey").asText();

    Login bound =
        new AccountBuilder()
            .agreeToTermsOfService()
            .useKeyPair(KeyPairs.ec())
            .withKeyIdentifier("managed", hmacKey)
            .createLogin(Acme4j.session(acme.server()));

    assertThat(bound.getAccount().getKeyIdentifier()).contains("managed");
    JsonNode listed = json(api().get("/eab-keys"));
    assertThat(listed.findValuesAsText("kid")).contains("configured", "managed");
    assertThat(listed.toString()).doesNotContain(hmacKey);
    assertThat(api().post("/eab-keys", "{\"kid\":\"bad\",\"hmacKey\":\"!!\"}").statusCode())
        .isEqualTo(400);
  }

  @Test
  void certStatusBySerialReportsRevocation() throws Exception {
    Certificate certificate = acme.issue("status.test");
    String serial = certificate.getCertificate().getSerialNumber().toString(16);
    certificate.revoke(org.shredzone.acme4j.RevocationReason.SUPERSEDED);

    JsonNode status = json(api().get("/cert-status-by-serial/" + serial.toUpperCase()));

    assertThat(status.path("Status").asText()).isEqualTo("Revoked");
    assertThat(status.path("Serial").asText()).isEqualTo(serial);
    assertThat(status.path("Reason").asInt()).isEqualTo(4);
    assertThat(status.path("RevokedAt").asText()).endsWith("Z");
    assertThat(api().get("/cert-status-by-serial/xyz").statusCode()).isEqualTo(400);
  }

  private static void assertSignsFor(PrivateKey key, X509Certificate certificate) throws Exception {
    String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    byte[] data = "LocalAcme".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(data);
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(data);
    assertThat(verifier.verify(signer.sign())).isTrue();
  }

  private static PrivateKey privateKey(String pem) throws Exception {
    Object parsed = new PEMParser(new StringReader(pem)).readObject();
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    return parsed instanceof PEMKeyPair pair
        ? converter.getKeyPair(pair).getPrivate()
        : converter.getPrivateKey((PrivateKeyInfo) parsed);
  }

  private static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String pem(X509Certificate certificate) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + java.util.Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode element : array) {
      if (element.path(field).asText().equals(value)) {
        return element;
      }
    }
    throw new AssertionError("no element with " + field + " " + value + " in " + array);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    return JSON.readTree(response.body());
  }

  /** The management API of {@code target}, trusting its roots. */
  private static Management api(AcmeServer target) {
    return new Management(
        URI.create("https://localhost:" + target.managementPort()), target.sslContext());
  }

  private static Management api() {
    return api(acme.server());
  }

  /** GET on the ACME API. */
  private static HttpResponse<String> getUrl(String url) throws Exception {
    return HttpClient.newBuilder()
        .sslContext(acme.server().sslContext())
        .build()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}

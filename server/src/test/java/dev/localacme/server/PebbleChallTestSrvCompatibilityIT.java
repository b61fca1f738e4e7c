package dev.localacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localacme.server.support.Dig;
import dev.localacme.server.support.ExternalTool;
import dev.localacme.server.support.Management;
import dev.localacme.server.support.Ports;
import dev.localacme.server.support.RawHttp;
import dev.localacme.server.support.StandaloneJar;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The jar's {@code challtestsrv} subcommand next to Let's Encrypt's own pebble-challtestsrv (the
 * Debian package), started with the same flags and driven with the same management requests: both
 * must answer every request with the same status and every DNS question with the same records.
 */
class PebbleChallTestSrvCompatibilityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Process> processes = new ArrayList<>();
  private final List<StandaloneJar> jars = new ArrayList<>();

  @AfterEach
  void stop() {
    processes.forEach(p -> p.toHandle().destroy());
    jars.forEach(StandaloneJar::close);
  }

  @Test
  void answersAsPebbleChallTestSrvDoes() throws Exception {
    ExternalTool.assumeInstalled("pebble-challtestsrv", "pebble");
    Instance pebble = startPebble();
    Instance ours = startOurs();

    String[][] requests = {
      {"/set-txt", "{\"host\":\"_acme-challenge.one.test.\",\"value\":\"first\"}"},
      {"/set-txt", "{\"host\":\"_acme-challenge.one.test.\",\"value\":\"second\"}"},
      {"/set-txt", "{\"HOST\":\"upper.test.\",\"VALUE\":\"keys are case-insensitive\"}"},
      {"/set-txt", "{\"host\":\"missing-value.test.\"}"},
      {"/set-txt", ""},
      {"/add-a", "{\"host\":\"a.test.\",\"addresses\":[\"10.0.0.1\",\"10.0.0.2\"]}"},
      {"/add-a", "{\"host\":\"a.test.\",\"addresses\":[\"10.0.0.3\"]}"},
      {"/add-a", "{\"host\":\"bad.test.\",\"addresses\":\"10.0.0.1\"}"},
      {"/add-aaaa", "{\"host\":\"a.test.\",\"addresses\":[\"2001:db8::1\"]}"},
      {
        "/add-caa",
        "{\"host\":\"caa.test.\",\"policies\":[{\"tag\":\"issue\",\"value\":\"ca.test\"}]}"
      },
      {"/set-cname", "{\"host\":\"alias.test.\",\"target\":\"a.test.\"}"},
      {"/set-servfail", "{\"host\":\"broken.test.\"}"},
      {"/add-http01", "{\"token\":\"tok\",\"content\":\"tok.thumb\"}"},
      {"/add-redirect", "{\"path\":\"/moved\",\"targetURL\":\"http://elsewhere.test/x\"}"},
      {"/clear-request-history", "{\"host\":\"a.test\",\"type\":\"nonsense\"}"},
      {"/no-such-route", "{}"},
    };
    for (String[] request : requests) {
      int expected = pebble.management.post(request[0], request[1]).statusCode();
      assertThat(ours.management.post(request[0], request[1]).statusCode())
          .as("%s %s", request[0], request[1])
          .isEqualTo(expected);
    }

    Object[][] questions = {
      {"_acme-challenge.one.test", Type.TXT},
      {"upper.test", Type.TXT},
      {"a.test", Type.A},
      {"a.test", Type.AAAA},
      {"unknown.test", Type.A},
      {"unknown.test", Type.AAAA},
      {"unknown.test", Type.TXT},
      {"caa.test", Type.CAA},
      {"alias.test", Type.A},
      {"alias.test", Type.TXT},
      {"broken.test", Type.A},
      {"a.test", Type.MX},
    };
    for (Object[] question : questions) {
      String name = (String) question[0];
      int type = (Integer) question[1];
      assertThat(answer(ours.dig, name, type))
          .as("%s %s", name, Type.string(type))
          .isEqualTo(answer(pebble.dig, name, type));
    }

    // Guards against comparing two empty answers.
    assertThat(answer(pebble.dig, "alias.test", Type.A))
        .contains("alias.test. CNAME a.test.", "a.test. A 10.0.0.3", "challtestsrv.invalid. SOA");
    assertThat(answer(pebble.dig, "broken.test", Type.A)).startsWith("SERVFAIL");

    assertThat(RawHttp.get(ours.http01, "h.test", "/.well-known/acme-challenge/tok").body())
        .isEqualTo(RawHttp.get(pebble.http01, "h.test", "/.well-known/acme-challenge/tok").body());
    RawHttp.Reply pebbleRedirect = RawHttp.get(pebble.http01, "h.test", "/moved");
    RawHttp.Reply ourRedirect = RawHttp.get(ours.http01, "h.test", "/moved");
    assertThat(ourRedirect.status()).isEqualTo(pebbleRedirect.status());
    assertThat(ourRedirect.header("Location")).isEqualTo(pebbleRedirect.header("Location"));

    assertSameHistory(pebble, ours, "/dns-request-history", "a.test");
    assertSameHistory(pebble, ours, "/http-request-history", "h.test");
  }

  private static void assertSameHistory(Instance pebble, Instance ours, String route, String host)
      throws Exception {
    JsonNode expected =
        JSON.readTree(pebble.management.post(route, "{\"host\":\"" + host + "\"}").body());
    JsonNode actual =
        JSON.readTree(ours.management.post(route, "{\"host\":\"" + host + "\"}").body());
    assertThat(actual).as(route).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      // Field names must match; LocalAcme may add fields newer pebble-challtestsrv versions have.
      assertThat(fields(actual.get(i))).as(route).containsAll(fields(expected.get(i)));
    }
  }

  private static TreeSet<String> fields(JsonNode node) {
    TreeSet<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      names.add(name);
      if (node.get(name).isObject()) {
        fields(node.get(name)).forEach(inner -> names.add(name + "." + inner));
      }
    }
    return names;
  }

  private static String answer(Dig dig, String name, int type) throws Exception {
    Message reply = dig.query(name, type);
    return Rcode.string(reply.getRcode())
        + " "
        + new TreeSet<>(Dig.text(reply.getSection(Section.ANSWER)))
        + " "
        + Dig.text(reply.getSection(Section.AUTHORITY));
  }

  /** One running challenge test server. */
  private record Instance(Management management, Dig dig, int http01) {}

  private Instance startPebble() throws Exception {
    int dns = Ports.free();
    int management = Ports.free();
    int http01 = Ports.free();
    Process process =
        new ProcessBuilder(flags("pebble-challtestsrv", dns, management, http01))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    processes.add(process);
    awaitPort(management);
    return new Instance(
        new Management(URI.create("http://127.0.0.1:" + management)), Dig.udp(dns), http01);
  }

  private Instance startOurs() throws Exception {
    int dns = Ports.free();
    int management = Ports.free();
    int http01 = Ports.free();
    List<String> flags = flags("challtestsrv", dns, management, http01);
    StandaloneJar jar =
        StandaloneJar.startChallTestSrv(flags.subList(1, flags.size()).toArray(String[]::new));
    jars.add(jar);
    return new Instance(
        new Management(URI.create("http://127.0.0.1:" + management)), Dig.udp(dns), http01);
  }

  /** The same pebble-challtestsrv flags for both, the DNS one in Debian's older spelling. */
  private static List<String> flags(String program, int dns, int management, int http01) {
    return List.of(
        program,
        "-dns01",
        "127.0.0.1:" + dns,
        "-management",
        "127.0.0.1:" + management,
        "-http01",
        "127.0.0.1:" + http01,
        "-https01",
        "",
        "-tlsalpn01",
        "");
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("nothing listens on port " + port);
  }
}

package dev.localacme.server.internal.validation;

import dev.localacme.server.ChallengeTestServerConfig;
import dev.localacme.server.internal.challtestsrv.ChallTestSrv;
import dev.localacme.server.internal.challtestsrv.DnsRecordStore;
import dev.localacme.server.internal.challtestsrv.DnsResponder;
import dev.localacme.server.internal.challtestsrv.RequestHistory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A server's DNS side: the record store (always there, so tests can stand in for a DNS provider),
 * where lookups go (those records, answered in-process, or the DNS server the user named), the CAA
 * check, and the challenge test server when it is configured. Names resolve through DNS alone when
 * a DNS server was named or the challenge test server's DNS runs, as with Pebble and {@code
 * -dnsserver}; otherwise names without records go to the validation host.
 */
public final class DnsSetup implements AutoCloseable {
  private final DnsRecordStore records;
  private final RequestHistory history = new RequestHistory();
  private final ChallengeTestServerConfig challengeTestServer;
  private final DnsLookup lookup;
  private final boolean decides;
  private final Caa caa;
  private ChallTestSrv running;

  /**
   * @param dnsServer {@code host:port} of a DNS server to ask, or empty for LocalAcme's own records
   * @param challengeTestServer the challenge test server to run, or null for none
   */
  public DnsSetup(
      String dnsServer,
      ChallengeTestServerConfig challengeTestServer,
      List<String> caaIdentities,
      Duration timeout) {
    this.challengeTestServer = challengeTestServer;
    this.records = new DnsRecordStore(defaultIpv4(), defaultIpv6());
    boolean ownDns = challengeTestServer != null && challengeTestServer.dnsEnabled();
    DnsSource source =
        dnsServer.isBlank()
            ? DnsSource.inProcess(
                new DnsResponder(records, history)::answer,
                ownDns ? "the challenge test server's DNS" : "LocalAcme's DNS records")
            : DnsSource.server(DnsSource.parseServer(dnsServer), timeout);
    this.lookup = new DnsLookup(source);
    this.decides = ownDns || !dnsServer.isBlank();
    this.caa = new Caa(lookup, caaIdentities);
  }

  /** Starts the challenge test server, if configured; {@code :port} addresses use bindHost. */
  public synchronized void start(String bindHost) {
    if (challengeTestServer != null && running == null) {
      running = ChallTestSrv.start(challengeTestServer, bindHost, records, history);
    }
  }

  /** Makes {@code targets} resolve names through this DNS. */
  public void resolveNames(Targets targets) {
    targets.resolveThrough(new DnsAddresses(lookup), decides);
  }

  public DnsRecordStore records() {
    return records;
  }

  public DnsLookup lookup() {
    return lookup;
  }

  public Caa caa() {
    return caa;
  }

  public synchronized Optional<ChallTestSrv> challengeTestServer() {
    return Optional.ofNullable(running);
  }

  /** Back to the configured defaults: no records, responses or history. */
  public synchronized void reset() {
    records.reset(defaultIpv4(), defaultIpv6());
    history.clearAll();
    if (running != null) {
      running.clearResponses();
    }
  }

  @Override
  public synchronized void close() {
    if (running != null) {
      running.close();
      running = null;
    }
  }

  private String defaultIpv4() {
    return challengeTestServer == null ? "" : challengeTestServer.defaultIpv4();
  }

  private String defaultIpv6() {
    return challengeTestServer == null ? "" : challengeTestServer.defaultIpv6();
  }
}

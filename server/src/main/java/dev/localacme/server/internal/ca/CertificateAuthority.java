package dev.localacme.server.internal.ca;

import dev.localacme.server.KeyAlgorithm;
import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.internal.protocol.Identifiers;
import dev.localacme.server.internal.state.Ids;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * LocalAcme's CA: one leaf-signing key, and one or more chains that each end in their own root (the
 * alternates are cross-signs of the same issuing key, so every chain validates every leaf).
 *
 * <p>Name constraints go into the root and into every intermediate: clients such as OpenSSL, Go and
 * browsers honour them in the root, but the JDK's PKIX validator ignores the extensions of a trust
 * anchor and honours them only in the certificates below it.
 */
public final class CertificateAuthority {
  private final Clock clock;
  private final KeyPair issuerKey;
  private final List<Chain> chains;

  /** A CA certificate with its key. */
  public record Signer(X509Certificate certificate, PrivateKey key) {}

  /**
   * One chain: its root, and the intermediates from the leaf's issuer (index 0) up to the one the
   * root signed.
   */
  public record Chain(Signer root, List<Signer> intermediates) {
    public Chain {
      intermediates = List.copyOf(intermediates);
    }

    /** What a certificate download carries after the leaf: the intermediates, no root. */
    public List<X509Certificate> certificates() {
      return intermediates.stream().map(Signer::certificate).toList();
    }
  }

  /** What a new CA looks like. */
  public record Settings(
      KeyAlgorithm keyAlgorithm,
      int alternateRoots,
      int chainLength,
      Duration validity,
      List<String> nameConstraints) {
    public Settings {
      Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
      if (alternateRoots < 0) {
        throw new IllegalArgumentException("alternateRoots must be 0 or more");
      }
      if (chainLength < 1) {
        throw new IllegalArgumentException("chainLength must be 1 or more");
      }
      nameConstraints = List.copyOf(nameConstraints);
    }

    public static Settings of(KeyAlgorithm keyAlgorithm) {
      return new Settings(keyAlgorithm, 0, 1, Duration.ofDays(3650), List.of());
    }
  }

  public CertificateAuthority(Clock clock, KeyPair issuerKey, List<Chain> chains) {
    this.clock = clock;
    this.issuerKey = issuerKey;
    this.chains = List.copyOf(chains);
  }

  /** A new CA with fresh keys. */
  public static CertificateAuthority generate(Settings settings, Clock clock) {
    Instant notBefore = clock.instant().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter = notBefore.plus(settings.validity());
    String suffix = HexFormat.of().formatHex(Ids.serial().toByteArray(), 0, 3);
    KeyPair issuerKey = Keys.generate(settings.keyAlgorithm());
    String issuerName = "CN=LocalAcme Intermediate CA " + suffix + ",O=LocalAcme";
    List<Chain> chains = new ArrayList<>();
    for (int c = 0; c <= settings.alternateRoots(); c++) {
      String rootName =
          "CN=LocalAcme Root CA " + suffix + (c == 0 ? "" : " alt " + c) + ",O=LocalAcme";
      KeyPair rootKey = Keys.generate(settings.keyAlgorithm());
      X509Certificate root =
          CertificateBuilder.ca(rootName, rootKey.getPublic(), notBefore, notAfter)
              .nameConstraints(settings.nameConstraints())
              .selfSign(rootKey.getPrivate());
      Signer parent = new Signer(root, rootKey.getPrivate());
      List<Signer> upward = new ArrayList<>();
      for (int level = settings.chainLength() - 1; level >= 1; level--) {
        KeyPair key = Keys.generate(settings.keyAlgorithm());
        String name = "CN=LocalAcme Intermediate CA " + suffix + " #" + c + "." + level;
        X509Certificate cert =
            CertificateBuilder.ca(name, key.getPublic(), notBefore, notAfter)
                .pathLength(level)
                .nameConstraints(settings.nameConstraints())
                .signWith(parent);
        parent = new Signer(cert, key.getPrivate());
        upward.add(0, parent);
      }
      X509Certificate issuer =
          CertificateBuilder.ca(issuerName, issuerKey.getPublic(), notBefore, notAfter)
              .pathLength(0)
              .nameConstraints(settings.nameConstraints())
              .signWith(parent);
      upward.add(0, new Signer(issuer, issuerKey.getPrivate()));
      chains.add(new Chain(new Signer(root, rootKey.getPrivate()), upward));
    }
    return new CertificateAuthority(clock, issuerKey, chains);
  }

  /** The chains; index 0 is the default one. */
  public List<Chain> chains() {
    return chains;
  }

  /** The root of the default chain. */
  public X509Certificate root() {
    return chains.get(0).root().certificate();
  }

  public List<X509Certificate> roots() {
    return chains.stream().map(c -> c.root().certificate()).toList();
  }

  /** The certificate that signs leaves, in the default chain. */
  public X509Certificate issuer() {
    return chains.get(0).intermediates().get(0).certificate();
  }

  public PrivateKey issuerPrivateKey() {
    return issuerKey.getPrivate();
  }

  /** The default chain's leaf-signing intermediate with its key: the signer of CRLs too. */
  public Signer issuerSigner() {
    return chains.get(0).intermediates().get(0);
  }

  /** What a leaf certificate says; everything else is the CA's choice. */
  public record LeafRequest(
      PublicKey key,
      List<Identifier> identifiers,
      Instant notBefore,
      Instant notAfter,
      boolean commonName,
      List<String> crlUrls) {
    public LeafRequest {
      identifiers = List.copyOf(identifiers);
      crlUrls = crlUrls == null ? List.of() : List.copyOf(crlUrls);
    }
  }

  /** Issues a leaf certificate under the default chain's issuer. */
  public X509Certificate issue(LeafRequest request, BigInteger serial) {
    return CertificateBuilder.leaf(request, serial).signWith(chains.get(0).intermediates().get(0));
  }

  /**
   * A key and certificate chain for one of LocalAcme's own TLS listeners, covering {@code names}
   * (DNS names and IP literals), so clients that trust the root also trust the ACME API.
   */
  public ServerIdentity serverIdentity(List<String> names, Duration validity) {
    KeyPair key = Keys.generate(KeyAlgorithm.EC_P256);
    Instant notBefore = clock.instant().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter = notBefore.plus(validity);
    Instant issuerEnd = issuer().getNotAfter().toInstant();
    if (notAfter.isAfter(issuerEnd)) {
      notAfter = issuerEnd;
    }
    List<Identifier> identifiers =
        names.stream()
            .map(n -> Identifiers.looksLikeIp(n) ? Identifier.ip(n) : Identifier.dns(n))
            .toList();
    LeafRequest request =
        new LeafRequest(key.getPublic(), identifiers, notBefore, notAfter, true, List.of());
    X509Certificate leaf = issue(request, Ids.serial());
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    chain.addAll(chains.get(0).certificates());
    chain.add(root());
    return new ServerIdentity(key.getPrivate(), chain);
  }

  /** A private key with its certificate chain, leaf first. */
  public record ServerIdentity(PrivateKey key, List<X509Certificate> chain) {
    public ServerIdentity {
      chain = List.copyOf(chain);
    }
  }
}

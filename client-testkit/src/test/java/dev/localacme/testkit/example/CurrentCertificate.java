package dev.localacme.testkit.example;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The certificate an HTTPS listener serves, replaceable while it runs: each handshake picks the
 * newest one, so a renewed certificate is served without a restart.
 */
final class CurrentCertificate extends X509ExtendedKeyManager {
  private record Identity(PrivateKey key, X509Certificate[] chain) {}

  // JSSE asks for the alias, then for its key and chain separately; an alias per certificate keeps
  // a handshake consistent while a renewal replaces the newest one.
  private final Map<String, Identity> byAlias = new ConcurrentHashMap<>();
  private final AtomicInteger generation = new AtomicInteger();
  private volatile String newest;

  void install(PrivateKey key, List<X509Certificate> chain) {
    String alias = "certificate-" + generation.incrementAndGet();
    byAlias.put(alias, new Identity(key, chain.toArray(X509Certificate[]::new)));
    newest = alias;
  }

  Optional<X509Certificate> leaf() {
    String alias = newest;
    return alias == null ? Optional.empty() : Optional.of(byAlias.get(alias).chain()[0]);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return choose(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return choose(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = choose(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Identity identity = byAlias.get(alias);
    return identity == null ? null : identity.chain().clone();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Identity identity = byAlias.get(alias);
    return identity == null ? null : identity.key();
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return null;
  }

  private String choose(String keyType) {
    String alias = newest;
    if (alias == null) {
      return null;
    }
    return byAlias.get(alias).key().getAlgorithm().equals(keyType) ? alias : null;
  }
}

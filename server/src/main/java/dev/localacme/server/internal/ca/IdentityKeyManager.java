package dev.localacme.server.internal.ca;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Hands one {@link CertificateAuthority.ServerIdentity} to JSSE, as a key store and the JDK's
 * {@code SunX509} key manager would, without sealing the key into a PKCS#12 store first: its PBKDF2
 * costs tens of milliseconds on every server start, more on a cold JVM.
 */
public final class IdentityKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "localacme";

  private final PrivateKey key;
  private final X509Certificate[] chain;

  public IdentityKeyManager(CertificateAuthority.ServerIdentity identity) {
    this.key = identity.key();
    this.chain = identity.chain().toArray(X509Certificate[]::new);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return aliasFor(keyType) == null ? null : new String[] {ALIAS};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? chain.clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key : null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return null;
  }

  private String aliasFor(String keyType) {
    return key.getAlgorithm().equals(keyType) ? ALIAS : null;
  }

  /**
   * The TLS context of one of LocalAcme's listeners. No trust managers: the listeners ask for no
   * client certificates, and null would make JSSE parse the JDK's cacerts, a cost on a cold JVM.
   */
  public static SSLContext serverContext(CertificateAuthority.ServerIdentity identity) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new IdentityKeyManager(identity)}, new TrustManager[0], null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up the API's TLS certificate", e);
    }
  }
}

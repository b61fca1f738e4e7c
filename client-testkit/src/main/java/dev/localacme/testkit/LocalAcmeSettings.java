package dev.localacme.testkit;

import dev.localacme.server.KeyAlgorithm;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Configures the server of {@code @ExtendWith(LocalAcme.class)}. Every attribute has a default, so
 * the annotation only names what a test class changes:
 *
 * <pre>{@code
 * @ExtendWith(LocalAcme.class)
 * @LocalAcmeSettings(certificateValidity = "PT1M", resetPerMethod = true)
 * class RenewalTest { ... }
 * }</pre>
 *
 * <p>Subclasses inherit it. A {@code @Nested} class that carries its own {@code @LocalAcmeSettings}
 * (directly or from its superclass) gets its own server with these settings; other nested classes
 * share the server of their enclosing class. It may also be used as a meta-annotation on a composed
 * annotation of your own.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface LocalAcmeSettings {
  /**
   * The port http-01 validation connects to; 0, the default, keeps LocalAcme's (Pebble's 5002).
   * Systems under test on random ports set theirs at runtime with {@link LocalAcme#http01Port(int)}
   * instead.
   */
  int http01Port() default 0;

  /** The key type of the throwaway root and intermediate. */
  KeyAlgorithm keyAlgorithm() default KeyAlgorithm.EC_P256;

  /**
   * How long issued certificates are valid, as an ISO-8601 duration ({@code "P90D"}, {@code
   * "PT1M"}). A short validity makes a system under test renew at once.
   */
  String certificateValidity() default "P90D";

  /**
   * Whether challenges are really validated against the system under test (the default). Turned
   * off, every challenge passes without any network I/O.
   */
  boolean validation() default true;

  /**
   * Whether every test method starts with a server that has forgotten the accounts, orders,
   * certificates, validation attempts and runtime routes of earlier methods. The CA keys stay, so
   * this costs microseconds. Set routes in {@code @BeforeEach}, not {@code @BeforeAll}, then.
   */
  boolean resetPerMethod() default false;

  /**
   * Whether the JVM's default TLS trust ({@code SSLContext.getDefault()} and {@code
   * HttpsURLConnection}'s default socket factory) also trusts LocalAcme's root while the server
   * runs; restored afterwards. Off by default: prefer {@link LocalAcme#sslContext()} or {@link
   * LocalAcme#acme4jUri()}. It changes JVM-wide state, so mark such classes {@code @Isolated} when
   * tests run in parallel.
   */
  boolean jvmTrust() default false;
}

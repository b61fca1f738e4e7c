package dev.localacme.testkit.internal;

import dev.localacme.testkit.LocalAcmeSettings;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Which test class owns a server, and with which settings. Every class owns one, except a {@code
 * Nested} class without {@link LocalAcmeSettings} of its own, which shares its enclosing class's.
 * The server lives in the owner's extension store under the owner's id (stores look up their
 * parents, so a shared key would hand a nested class its parent's server), and JUnit closes it when
 * the owner is done.
 */
public final class ClassScope {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ClassScope.class);

  private ClassScope() {}

  /**
   * The server of this context's owner, started on first use.
   *
   * @param configured the builder's settings, or null when the annotation (or the defaults) decide
   */
  public static ServerResource server(
      ExtensionContext context,
      Settings configured,
      Consumer<ServerResource> onStart,
      Consumer<ServerResource> onClose) {
    ExtensionContext owner = owner(classContext(context));
    Settings settings = settingsFor(owner, configured);
    return owner
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            owner.getUniqueId(),
            id -> {
              ServerResource resource =
                  ServerResource.start(settings, owner.getRequiredTestClass().getName(), onClose);
              onStart.accept(resource);
              return resource;
            },
            ServerResource.class);
  }

  /** The server of this context's owner, if it has started. */
  public static Optional<ServerResource> existing(ExtensionContext context) {
    ExtensionContext owner = owner(classContext(context));
    return Optional.ofNullable(
        owner.getStore(NAMESPACE).get(owner.getUniqueId(), ServerResource.class));
  }

  /** The context of the test class, from a method, template invocation or class context. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (!(c.getElement().orElse(null) instanceof Class<?>)) {
      c = c.getParent().orElseThrow(() -> new IllegalStateException("not in a test class"));
    }
    return c;
  }

  private static ExtensionContext owner(ExtensionContext classContext) {
    ExtensionContext c = classContext;
    while (isNested(c) && annotation(c.getRequiredTestClass()).isEmpty()) {
      c = classContext(c.getParent().orElseThrow());
    }
    return c;
  }

  private static boolean isNested(ExtensionContext classContext) {
    return classContext.getParent().flatMap(ExtensionContext::getElement).orElse(null)
        instanceof Class<?>;
  }

  private static Settings settingsFor(ExtensionContext owner, Settings configured) {
    Class<?> testClass = owner.getRequiredTestClass();
    Optional<LocalAcmeSettings> annotation = annotation(testClass);
    if (configured != null && annotation.isPresent() && !isNested(owner)) {
      throw new ExtensionConfigurationException(
          testClass.getName()
              + " is configured twice: by @LocalAcmeSettings and by LocalAcme.builder(). Keep"
              + " one; the builder offers every setting the annotation has.");
    }
    return annotation
        .map(a -> Settings.of(a, testClass))
        .orElse(configured != null ? configured : Settings.DEFAULTS);
  }

  private static Optional<LocalAcmeSettings> annotation(Class<?> testClass) {
    return AnnotationSupport.findAnnotation(testClass, LocalAcmeSettings.class);
  }
}

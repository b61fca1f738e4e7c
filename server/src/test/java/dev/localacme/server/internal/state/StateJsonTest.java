package dev.localacme.server.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.localacme.server.internal.jose.Jwk;
import dev.localacme.server.internal.protocol.Identifier;
import dev.localacme.server.support.KeyPairs;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every state record survives the durable store's JSON unchanged, with every component set to a
 * value that is not a default. The samples are built from the records' components by reflection, so
 * a component added later is covered without touching this test; a component of a type this test
 * cannot build fails it with a message saying which.
 */
class StateJsonTest {

  @ParameterizedTest
  @ValueSource(
      classes = {
        Account.class,
        Order.class,
        Authorization.class,
        Challenge.class,
        CertificateRecord.class
      })
  void recordSurvivesTheRoundTripWithEveryComponentSet(Class<? extends Record> type) {
    Record original = sample(type, "");

    String json = StateJson.write(original);
    Record read = StateJson.read(json, type);

    for (RecordComponent component : type.getRecordComponents()) {
      assertThat(json)
          .as("%s.%s is written", type.getSimpleName(), component.getName())
          .contains("\"" + component.getName() + "\"");
    }
    assertThat(read)
        .as("%s read back from %s", type.getSimpleName(), json)
        .usingRecursiveComparison()
        .withEqualsForType(Jwk::equals, Jwk.class)
        .isEqualTo(original);
  }

  @ParameterizedTest
  @ValueSource(classes = {Account.class, Order.class, Authorization.class, CertificateRecord.class})
  void recordWrittenBeforeAComponentExistedStillReads(Class<? extends Record> type) {
    Record original = sample(type, "");
    String json = StateJson.write(original);
    String withUnknownField = "{\"addedByALaterVersion\":42," + json.substring(1);

    assertThat(StateJson.read(withUnknownField, type))
        .usingRecursiveComparison()
        .withEqualsForType(Jwk::equals, Jwk.class)
        .isEqualTo(original);
  }

  private static final Deque<Class<?>> BUILDING = new ArrayDeque<>();

  /**
   * A record whose every component holds a non-default value. A record type that contains itself (a
   * problem's subproblems) is left out one level down, as an empty list or null.
   */
  static Record sample(Class<?> type, String path) {
    if (BUILDING.contains(type)) {
      return null;
    }
    BUILDING.push(type);
    try {
      return build(type, path);
    } finally {
      BUILDING.pop();
    }
  }

  private static Record build(Class<?> type, String path) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] =
          value(
              components[i].getGenericType(),
              path + type.getSimpleName() + "." + components[i].getName());
    }
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return (Record) constructor.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build a sample " + type.getSimpleName(), e);
    }
  }

  private static Object value(Type type, String path) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] arguments = p.getActualTypeArguments();
      if (raw == List.class) {
        Object element = value(arguments[0], path + "[0]");
        return element == null ? List.of() : List.of(element);
      }
      if (raw == Set.class) {
        return Set.of(value(arguments[0], path + "[0]"));
      }
      if (raw == Map.class) {
        return Map.of(value(arguments[0], path + ".key"), value(arguments[1], path + ".value"));
      }
      return fail("add a sample for %s (component %s)", type, path);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      return "sample " + path;
    }
    if (c == boolean.class || c == Boolean.class) {
      return true;
    }
    if (c == int.class || c == Integer.class) {
      return 7;
    }
    if (c == long.class || c == Long.class) {
      return 7_000_000_000L;
    }
    if (c == Instant.class) {
      return Instant.parse("2031-02-03T04:05:06.789Z");
    }
    if (c == Duration.class) {
      return Duration.ofSeconds(518_400);
    }
    if (c == BigInteger.class) {
      return new BigInteger("123456789abcdef0123456789", 16);
    }
    if (c == byte[].class) {
      return new byte[] {1, 2, 3, (byte) 0xff};
    }
    if (c == Identifier.class) {
      return Identifier.dns("sample.test");
    }
    if (c == Jwk.class) {
      return jwk();
    }
    if (c.isEnum()) {
      Object[] constants = c.getEnumConstants();
      return constants[constants.length - 1];
    }
    if (c.isRecord()) {
      return sample(c, path + ".");
    }
    return fail("add a sample for %s (component %s)", c.getName(), path);
  }

  private static Jwk jwk() {
    return Jwk.of(KeyPairs.ec().getPublic());
  }
}

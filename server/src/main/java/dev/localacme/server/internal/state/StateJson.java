package dev.localacme.server.internal.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.localacme.server.internal.jose.Jwk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * State records as JSON, for the durable store. Records are written field by field (their
 * components, nothing derived), so a component added to {@link Account}, {@link Order}, {@link
 * Authorization} or {@link CertificateRecord} is stored without changes here; unknown fields are
 * ignored on reading and missing ones read as null, so older files stay readable.
 */
public final class StateJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(
              new SimpleModule("localacme-state")
                  .addSerializer(Jwk.class, new JwkSerializer())
                  .addDeserializer(Jwk.class, new JwkDeserializer()))
          .visibility(PropertyAccessor.ALL, Visibility.NONE)
          .visibility(PropertyAccessor.FIELD, Visibility.ANY)
          .visibility(PropertyAccessor.CREATOR, Visibility.ANY)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .build();

  private StateJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object record) {
    try {
      return MAPPER.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot store a " + record.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "a stored " + type.getSimpleName() + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** A JWK is stored as its canonical members (RFC 7638 section 3.2). */
  private static final class JwkSerializer extends JsonSerializer<Jwk> {
    @Override
    public void serialize(Jwk jwk, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      out.writeObject(jwk.members());
    }
  }

  private static final class JwkDeserializer extends JsonDeserializer<Jwk> {
    private static final TypeReference<Map<String, String>> MEMBERS = new TypeReference<>() {};

    @Override
    public Jwk deserialize(JsonParser in, DeserializationContext context) throws IOException {
      return Jwk.fromMembers(in.readValueAs(MEMBERS));
    }
  }
}

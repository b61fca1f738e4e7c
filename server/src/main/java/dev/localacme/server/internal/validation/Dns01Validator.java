package dev.localacme.server.internal.validation;

import dev.localacme.server.internal.jose.Base64Url;
import dev.localacme.server.internal.protocol.ProblemType;
import dev.localacme.server.internal.protocol.ValidationRecordJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * dns-01 (RFC 8555 section 8.4): a TXT record at {@code _acme-challenge.<name>} (the base name of a
 * wildcard) must hold base64url(SHA-256(key authorization)). Any one record may match; the
 * character-strings of one record are joined first (as Boulder does). CNAMEs are followed.
 */
public final class Dns01Validator implements ChallengeValidator {
  private static final int SHOWN = 5;

  private final DnsLookup lookup;

  public Dns01Validator(DnsLookup lookup) {
    this.lookup = lookup;
  }

  @Override
  public String type() {
    return "dns-01";
  }

  /** The TXT value dns-01 expects for a key authorization. */
  public static String expectedValue(String keyAuthorization) {
    try {
      return Base64Url.encode(
          MessageDigest.getInstance("SHA-256")
              .digest(keyAuthorization.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public ValidationResult validate(ValidationRequest request) {
    String name = "_acme-challenge." + request.identifier().value();
    String expected = expectedValue(request.keyAuthorization());
    String target = "TXT " + name + " from " + lookup.source().describe();
    DnsLookup.Result result;
    try {
      result = lookup.lookup(name, Type.TXT);
    } catch (DnsLookup.Failure e) {
      return ValidationResult.invalid(
          ProblemType.DNS,
          "looking up TXT " + name + " failed: " + e.getMessage(),
          target,
          e.getMessage(),
          List.of(record(name, e.getMessage())));
    }
    List<String> values = new ArrayList<>();
    for (Record record : result.records()) {
      StringBuilder joined = new StringBuilder();
      for (byte[] string : ((TXTRecord) record).getStringsAsByteArrays()) {
        joined.append(new String(string, StandardCharsets.UTF_8));
      }
      values.add(joined.toString());
    }
    String via = result.aliases().isEmpty() ? "" : " (via CNAME " + result.aliases() + ")";
    String seen = values.isEmpty() ? "no TXT records" + via : "TXT " + shown(values) + via;
    List<ValidationRecordJson> records = List.of(record(name, seen));
    if (values.contains(expected)) {
      return ValidationResult.valid(target, seen, records);
    }
    if (values.isEmpty()) {
      return ValidationResult.invalid(
          ProblemType.UNAUTHORIZED,
          "no TXT record found at "
              + name
              + via
              + " in "
              + lookup.source().describe()
              + "; publish \""
              + expected
              + "\" there",
          target,
          seen,
          records);
    }
    return ValidationResult.invalid(
        ProblemType.INCORRECT_RESPONSE,
        "found "
            + values.size()
            + " TXT record"
            + (values.size() == 1 ? "" : "s")
            + " at "
            + name
            + via
            + ": "
            + shown(values)
            + "; none is \""
            + expected
            + "\", the base64url SHA-256 digest of the key authorization",
        target,
        seen,
        records);
  }

  private ValidationRecordJson record(String name, String seen) {
    return new ValidationRecordJson(null, name, null, null, lookup.source().describe(), seen);
  }

  private static String shown(List<String> values) {
    List<String> quoted = new ArrayList<>();
    for (String value : values.subList(0, Math.min(SHOWN, values.size()))) {
      quoted.add("\"" + (value.length() > 100 ? value.substring(0, 100) + "..." : value) + "\"");
    }
    return quoted + (values.size() > SHOWN ? " and " + (values.size() - SHOWN) + " more" : "");
  }
}

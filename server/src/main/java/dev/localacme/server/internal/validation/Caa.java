package dev.localacme.server.internal.validation;

import dev.localacme.server.internal.protocol.ProblemJson;
import dev.localacme.server.internal.protocol.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * CAA checking (RFC 8659, with RFC 8657's {@code accounturi} and {@code validationmethods}): the
 * relevant RRset is the first non-empty CAA RRset found climbing from the name towards the root;
 * for a wildcard, {@code issuewild} properties replace {@code issue} ones when there are any; an
 * unknown property marked critical forbids issuance; no {@code issue} property at all allows
 * anyone. IP addresses have no CAA.
 */
public final class Caa {
  /** Properties that never block issuance: RFC 8659's, plus issuemail and issuevmc as Boulder. */
  private static final Set<String> KNOWN =
      Set.of("issue", "issuewild", "iodef", "issuemail", "issuevmc", "contactemail");

  private static final Pattern METHOD = Pattern.compile("[A-Za-z0-9-]+");
  private static final int CRITICAL = 128;

  private final DnsLookup lookup;
  private final List<String> identities;

  /**
   * @param identities the issuer domain names LocalAcme answers to ({@code caaIdentities})
   */
  public Caa(DnsLookup lookup, List<String> identities) {
    this.lookup = lookup;
    this.identities = identities.stream().map(i -> i.toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * Why issuance for {@code name} is refused ({@code caa}, or {@code dns} when the lookup fails),
   * or empty when CAA allows it.
   *
   * @param accountUrl the account's URL, for {@code accounturi}
   * @param method the challenge type that validated, for {@code validationmethods}
   */
  public Optional<ProblemJson> check(
      String name, boolean wildcard, String accountUrl, String method) {
    String current = name.toLowerCase(Locale.ROOT);
    while (!current.isEmpty()) {
      List<CAARecord> rrset;
      try {
        rrset = caaRecords(current);
      } catch (DnsLookup.Failure e) {
        return Optional.of(
            ProblemJson.of(
                ProblemType.DNS,
                "the CAA lookup for "
                    + name
                    + " failed, and LocalAcme does not issue without it (RFC 8659 section 5.4): "
                    + e.getMessage()));
      }
      if (!rrset.isEmpty()) {
        return evaluate(name, current, rrset, wildcard, accountUrl, method);
      }
      int dot = current.indexOf('.');
      current = dot < 0 ? "" : current.substring(dot + 1);
    }
    return Optional.empty();
  }

  private List<CAARecord> caaRecords(String name) throws DnsLookup.Failure {
    List<CAARecord> records = new ArrayList<>();
    for (Record record : lookup.lookup(name, Type.CAA).records()) {
      records.add((CAARecord) record);
    }
    return records;
  }

  private Optional<ProblemJson> evaluate(
      String name,
      String where,
      List<CAARecord> rrset,
      boolean wildcard,
      String accountUrl,
      String method) {
    String found = "CAA at " + where + " " + describe(rrset);
    for (CAARecord record : rrset) {
      String tag = record.getTag().toLowerCase(Locale.ROOT);
      if ((record.getFlags() & CRITICAL) != 0 && !KNOWN.contains(tag)) {
        return refuse(
            found
                + " has the critical property \""
                + tag
                + "\", which LocalAcme does not know, so it must not issue (RFC 8659 section 4.1)");
      }
    }
    String property = "issue";
    if (wildcard && rrset.stream().anyMatch(r -> r.getTag().equalsIgnoreCase("issuewild"))) {
      property = "issuewild";
    }
    String wanted = property;
    List<CAARecord> relevant =
        rrset.stream().filter(r -> r.getTag().equalsIgnoreCase(wanted)).toList();
    if (relevant.isEmpty()) {
      return Optional.empty();
    }
    List<String> reasons = new ArrayList<>();
    for (CAARecord record : relevant) {
      String reason = refusal(value(record), accountUrl, method);
      if (reason == null) {
        return Optional.empty();
      }
      reasons.add(reason);
    }
    return refuse(
        found
            + " does not authorize LocalAcme to issue for "
            + (wildcard ? "*." : "")
            + name
            + ": "
            + String.join("; ", reasons)
            + ". LocalAcme's issuer domain names are "
            + identities);
  }

  /** Null if this property authorizes LocalAcme, else why not. */
  private String refusal(String value, String accountUrl, String method) {
    Optional<CaaIssueValue> parsed = CaaIssueValue.parse(value);
    if (parsed.isEmpty()) {
      return "\"" + value + "\" does not follow the issue-value grammar, so it authorizes no one";
    }
    CaaIssueValue issue = parsed.get();
    if (issue.issuer().isEmpty()) {
      return "\"" + value + "\" names no issuer, so it forbids issuance";
    }
    if (!identities.contains(issue.issuer().toLowerCase(Locale.ROOT))) {
      return "\"" + value + "\" authorizes " + issue.issuer() + " only";
    }
    List<String> accounts = issue.parameter("accounturi");
    if (accounts.size() > 1) {
      return "\"" + value + "\" has several accounturi parameters, so no account matches";
    }
    if (accounts.size() == 1 && !accounts.get(0).equals(accountUrl)) {
      return "\"" + value + "\" authorizes only account " + accounts.get(0) + ", not " + accountUrl;
    }
    List<String> methods = issue.parameter("validationmethods");
    if (methods.size() > 1) {
      return "\"" + value + "\" has several validationmethods parameters";
    }
    if (methods.size() == 1) {
      List<String> listed = List.of(methods.get(0).split(",", -1));
      if (listed.stream().anyMatch(m -> !METHOD.matcher(m).matches())) {
        return "\"" + value + "\" has a malformed validationmethods parameter";
      }
      if (!listed.contains(method)) {
        return "\"" + value + "\" allows only " + listed + ", not " + method;
      }
    }
    return null;
  }

  private static String value(CAARecord record) {
    return new String(record.getValueAsByteArray(), StandardCharsets.UTF_8);
  }

  private static String describe(List<CAARecord> rrset) {
    return rrset.stream()
        .map(r -> "[" + r.getFlags() + " " + r.getTag() + " \"" + value(r) + "\"]")
        .collect(Collectors.joining(" "));
  }

  private static Optional<ProblemJson> refuse(String detail) {
    return Optional.of(ProblemJson.of(ProblemType.CAA, detail));
  }
}

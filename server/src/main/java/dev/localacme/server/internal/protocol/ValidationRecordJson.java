package dev.localacme.server.internal.protocol;

import java.util.List;

/** One validation request as the validator made it, as Boulder reports it on challenges. */
public record ValidationRecordJson(
    String url,
    String hostname,
    String port,
    List<String> addressesResolved,
    String addressUsed,
    String seen) {}

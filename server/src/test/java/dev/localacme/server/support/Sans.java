package dev.localacme.server.support;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A certificate's subjectAltNames as {@code DNS:name} and {@code IP:address} (JDK's text form). */
public final class Sans {
  private Sans() {}

  public static List<String> of(X509Certificate certificate) throws Exception {
    List<String> names = new ArrayList<>();
    Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
    if (sans == null) {
      return names;
    }
    for (List<?> san : sans) {
      int type = (Integer) san.get(0);
      String value = (String) san.get(1);
      names.add(
          type == 2
              ? "DNS:" + value
              : type == 7
                  ? "IP:" + InetAddress.getByName(value).getHostAddress()
                  : type + ":" + value);
    }
    return names;
  }
}

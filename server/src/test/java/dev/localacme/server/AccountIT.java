package dev.localacme.server;

import static dev.localacme.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localacme.server.support.Acme4j;
import dev.localacme.server.support.InProcessAcme;
import dev.localacme.server.support.KeyPairs;
import dev.localacme.server.support.RawClient;
import dev.localacme.server.support.RawClient.Reply;
import java.net.URI;
import java.security.KeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeServerException;

/** Accounts (RFC 8555 sections 7.3 to 7.3.6) with acme4j, and raw requests where needed. */
class AccountIT {
  @RegisterExtension static final InProcessAcme acme = InProcessAcme.create();
  private static RawClient raw;

  @BeforeAll
  static void client() {
    raw = acme.raw();
  }

  @Test
  void newKeyCreatesAccountWith201AndKnownKeyReturnsItWith200() {
    KeyPair key = KeyPairs.ec();
    String payload = "{\"termsOfServiceAgreed\":true,\"contact\":[\"mailto:dev@example.test\"]}";
    Reply created = raw.post(raw.url("newAccount"), payload, key, null);
    Reply again = raw.post(raw.url("newAccount"), "{\"termsOfServiceAgreed\":true}", key, null);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).startsWith("https://localhost:").contains("/acme/acct/");
    assertThat(created.json().path("status").asText()).isEqualTo("valid");
    assertThat(created.json().path("orders").asText())
        .isEqualTo(created.header("Location") + "/orders");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("Location")).isEqualTo(created.header("Location"));
    assertThat(again.json().path("contact").get(0).asText()).isEqualTo("mailto:dev@example.test");
  }

  @Test
  void onlyReturnExistingFindsAnAccountButNeverCreatesOne() throws Exception {
    KeyPair key = KeyPairs.ec();
    assertThatThrownBy(
            () ->
                new AccountBuilder()
                    .onlyExisting()
                    .useKeyPair(key)
                    .create(Acme4j.session(acme.server())))
        .isInstanceOfSatisfying(
            AcmeServerException.class,
            e ->
                assertThat(e.getType())
                    .hasToString("urn:ietf:params:acme:error:accountDoesNotExist"));
    Login created = Acme4j.newAccount(acme.server(), key);
    Account found =
        new AccountBuilder().onlyExisting().useKeyPair(key).create(Acme4j.session(acme.server()));
    assertThat(found.getLocation()).isEqualTo(created.getAccountLocation());
  }

  @Test
  void termsNotAgreedIsUserActionRequiredWithTheTermsLink() {
    Reply reply = raw.post(raw.url("newAccount"), "{}", KeyPairs.ec(), null);
    assertProblem(reply, 403, "userActionRequired", "termsOfServiceAgreed");
    String terms =
        raw.get(acme.server().directoryUri().toString())
            .json()
            .path("meta")
            .path("termsOfService")
            .asText();
    assertThat(reply.headerValues("Link")).contains("<" + terms + ">;rel=\"terms-of-service\"");
    assertThat(reply.json().path("instance").asText()).isEqualTo(terms);
  }

  @Test
  void contactsMustBeSingleMailtoAddresses() {
    KeyPair key = KeyPairs.ec();
    assertProblem(newAccount(key, "\"tel:+15550100\""), 400, "unsupportedContact", "mailto");
    assertProblem(
        newAccount(key, "\"mailto:a@example.test?subject=hi\""),
        400,
        "invalidContact",
        "header fields");
    assertProblem(
        newAccount(key, "\"mailto:a@example.test,b@example.test\""),
        400,
        "invalidContact",
        "single");
    assertThat(newAccount(key, "\"mailto:a@example.test\"").status()).isEqualTo(201);
  }

  @Test
  void contactsCanBeReplacedAndAnEmptyUpdateReturnsTheAccount() throws Exception {
    Login login = acme.newAccount();
    Account account = login.getAccount();
    account.modify().addEmail("ops@example.test").commit();
    account.fetch();
    assertThat(account.getContacts()).containsExactly(URI.create("mailto:ops@example.test"));

    Reply empty =
        raw.post(
            login.getAccountLocation().toString(),
            "{}",
            login.getKeyPair(),
            login.getAccountLocation().toString());
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.json().path("contact").get(0).asText()).isEqualTo("mailto:ops@example.test");
  }

  @Test
  void deactivatedAccountIsRefusedWith401ForEveryLaterRequest() throws Exception {
    Login login = acme.newAccount();
    String kid = login.getAccountLocation().toString();
    login.getAccount().deactivate();
    assertThat(login.getAccount().getStatus()).isEqualTo(Status.DEACTIVATED);

    assertProblem(raw.post(kid, "", login.getKeyPair(), kid), 401, "unauthorized", "deactivated");
    assertProblem(
        raw.post(
            raw.url("newOrder"),
            "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"x.test\"}]}",
            login.getKeyPair(),
            kid),
        401,
        "unauthorized",
        "deactivated");
    assertProblem(
        raw.post(
            raw.url("newAccount"), "{\"termsOfServiceAgreed\":true}", login.getKeyPair(), null),
        401,
        "unauthorized",
        "deactivated");
  }

  @Test
  void keyRolloverMovesTheAccountToTheNewKey() throws Exception {
    KeyPair oldKey = KeyPairs.ec();
    KeyPair newKey = KeyPairs.rsa();
    Login login = Acme4j.newAccount(acme.server(), oldKey);
    String kid = login.getAccountLocation().toString();

    login.getAccount().changeKey(newKey);

    assertThat(raw.post(kid, "", newKey, kid).status()).isEqualTo(200);
    assertProblem(
        raw.post(kid, "", oldKey, kid), 400, "malformed", "does not fit the RSA 2048 key");
    Reply lookup = raw.post(raw.url("newAccount"), "{\"onlyReturnExisting\":true}", newKey, null);
    assertThat(lookup.header("Location")).isEqualTo(kid);
  }

  @Test
  void keyRolloverToAnotherAccountsKeyIsConflictNamingThatAccount() {
    KeyPair mine = KeyPairs.ec();
    KeyPair theirs = KeyPairs.ec();
    String myKid = raw.newAccount(mine);
    String theirKid = raw.newAccount(theirs);

    Reply reply =
        raw.post(
            raw.url("keyChange"),
            innerKeyChange(myKid, mine, theirs, raw.url("keyChange")),
            mine,
            myKid);

    assertProblem(reply, 409, "malformed", "another account");
    assertThat(reply.header("Location")).isEqualTo(theirKid);
  }

  @Test
  void keyRolloverWithAForeignOldKeyIsUnauthorized() {
    KeyPair mine = KeyPairs.ec();
    String kid = raw.newAccount(mine);
    KeyPair stranger = KeyPairs.ec();
    String payload = innerKeyChange(kid, stranger, KeyPairs.ec(), raw.url("keyChange"));
    assertProblem(
        raw.post(raw.url("keyChange"), payload, mine, kid), 403, "unauthorized", "oldKey");
  }

  @Test
  void keyRolloverInnerJwsMustRepeatTheOuterUrl() {
    KeyPair mine = KeyPairs.ec();
    String kid = raw.newAccount(mine);
    String payload = innerKeyChange(kid, mine, KeyPairs.ec(), raw.url("newOrder"));
    assertProblem(
        raw.post(raw.url("keyChange"), payload, mine, kid), 400, "malformed", "outer url");
  }

  private static Reply newAccount(KeyPair key, String contact) {
    return raw.post(
        raw.url("newAccount"),
        "{\"termsOfServiceAgreed\":true,\"contact\":[" + contact + "]}",
        key,
        null);
  }

  /** The inner JWS of keyChange: signed by the new key over {account, oldKey}, no nonce. */
  private static String innerKeyChange(String kid, KeyPair oldKey, KeyPair newKey, String url) {
    ObjectNode header = RawClient.jwk(newKey.getPublic()).objectNode();
    header.put("alg", RawClient.alg(newKey.getPublic()));
    header.set("jwk", RawClient.jwk(newKey.getPublic()));
    header.put("url", url);
    ObjectNode payload = header.objectNode();
    payload.put("account", kid);
    payload.set("oldKey", RawClient.jwk(oldKey.getPublic()));
    return RawClient.jws(header, payload.toString(), newKey.getPrivate()).toString();
  }
}

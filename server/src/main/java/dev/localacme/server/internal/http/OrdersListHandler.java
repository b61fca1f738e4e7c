package dev.localacme.server.internal.http;

import dev.localacme.server.internal.domain.Orders;
import dev.localacme.server.internal.protocol.AcmeProblem;
import dev.localacme.server.internal.protocol.OrdersListJson;
import dev.localacme.server.internal.state.Account;

/**
 * The account's orders (RFC 8555 section 7.1.2.1), a page at a time ({@code ?page=N}, from 0), with
 * {@code Link rel="next"} while more follow.
 */
final class OrdersListHandler implements JwsHandler.Operation {
  private final Orders orders;
  private final int perPage;

  OrdersListHandler(Orders orders, int perPage) {
    this.orders = orders;
    this.perPage = perPage;
  }

  @Override
  public Response handle(AcmeRequest request) {
    request.requirePostAsGet();
    Account account = request.account();
    if (!account.id().equals(request.param("id"))) {
      throw AcmeProblem.unauthorized("only the account itself may list its orders");
    }
    int page = page(request.url());
    Orders.Page result = orders.page(account, page, perPage);
    Urls urls = request.urls();
    Response response =
        Response.ok(
            new OrdersListJson(
                result.orderIds().stream().map(id -> urls.of(AcmeRoutes.ORDER, id)).toList()));
    if (result.hasNext()) {
      response =
          response.withLink(
              urls.of(AcmeRoutes.ORDERS, account.id()) + "?page=" + (page + 1), "next");
    }
    return response;
  }

  private static int page(String url) {
    int at = url.indexOf("?page=");
    if (at < 0) {
      return 0;
    }
    try {
      int page = Integer.parseInt(url.substring(at + 6));
      if (page < 0) {
        throw new NumberFormatException();
      }
      return page;
    } catch (NumberFormatException e) {
      throw AcmeProblem.malformed("page must be a number from 0");
    }
  }
}

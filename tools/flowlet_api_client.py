#!/usr/bin/env python3
"""A small example client for the Flowlet Workstation local API, using only the standard library.

The API key is read from the environment (FLOWLET_API_KEY), never from the command line, where
other users of the machine could read it in the process list.

    export FLOWLET_API_KEY=flk_...
    python3 flowlet_api_client.py me
    python3 flowlet_api_client.py transactions --account-id 1 --limit 100
    python3 flowlet_api_client.py upload statement.xml --account-id 1          # preview, then asks
    python3 flowlet_api_client.py upload statement.xml --account-id 1 --commit # at once
    python3 flowlet_api_client.py analyze --group-by category,month
    python3 flowlet_api_client.py categorize --min-confidence 80 --apply

Amounts arrive as decimal strings; this client keeps them as decimal.Decimal, never float.
"""

import argparse
import decimal
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid


class ApiError(Exception):
    """An error envelope from the server: status, code, message and the request id to quote."""

    def __init__(self, status, code, message, request_id):
        super().__init__(f"{status} {code}: {message} (request {request_id})")
        self.status, self.code, self.message, self.request_id = status, code, message, request_id


class FlowletClient:
    def __init__(self, base_url="http://127.0.0.1:8765", key=None, timeout=60):
        self.base_url = base_url.rstrip("/")
        self.key = key
        self.timeout = timeout

    def _request(self, method, path, params=None, body=None, content_type=None, retries=3):
        url = self.base_url + path
        if params:
            query = {k: ("true" if v is True else "false" if v is False else str(v))
                     for k, v in params.items() if v is not None}
            url += "?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote)
        headers = {"X-Request-Id": "py-" + uuid.uuid4().hex[:16], "Accept": "application/json"}
        if self.key:
            headers["Authorization"] = "Bearer " + self.key
        data = None
        if body is not None:
            if isinstance(body, (bytes, bytearray)):
                data = bytes(body)
                headers["Content-Type"] = content_type or "application/octet-stream"
            else:
                data = json.dumps(body).encode("utf-8")
                headers["Content-Type"] = "application/json"
        for attempt in range(retries + 1):
            req = urllib.request.Request(url, data=data, headers=headers, method=method)
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as response:
                    return json.loads(response.read().decode("utf-8"), parse_float=decimal.Decimal)
            except urllib.error.HTTPError as e:
                payload = e.read()
                if e.code == 429 and attempt < retries:
                    time.sleep(int(e.headers.get("Retry-After", "1")))
                    continue
                try:
                    error = json.loads(payload.decode("utf-8"))["error"]
                except (ValueError, KeyError):
                    raise ApiError(e.code, "http_error", payload[:200].decode("utf-8", "replace"),
                                   e.headers.get("X-Request-Id", ""))
                raise ApiError(e.code, error["code"], error["message"], error["request_id"])
        raise AssertionError("unreachable")

    # --- endpoints ---------------------------------------------------------------------------

    def health(self):
        return self._request("GET", "/api/health")

    def me(self):
        return self._request("GET", "/api/me")

    def transactions(self, page_size=100, **filters):
        """Yields every matching transaction, page by page (keyset cursor)."""
        params = dict(filters, limit=page_size)
        while True:
            page = self._request("GET", "/api/transactions", params)
            for item in page["items"]:
                item["amount"] = decimal.Decimal(item["amount"])
                yield item
            if not page["next_cursor"]:
                return
            params["cursor"] = page["next_cursor"]

    def transaction(self, transaction_id):
        return self._request("GET", f"/api/transactions/{int(transaction_id)}")

    def upload(self, path, commit=False, **options):
        with open(path, "rb") as f:
            content = f.read()
        params = dict(options, filename=os.path.basename(path), commit=commit or None)
        return self._request("POST", "/api/transactions/upload", params, content)

    def commit_upload(self, token):
        return self._request("POST", f"/api/transactions/upload/{urllib.parse.quote(token)}/commit")

    def proposals(self, limit=100, after_id=None, **filters):
        return self._request("GET", "/api/transactions/categorize", dict(filters, limit=limit, after_id=after_id))

    def apply(self, items):
        return self._request("POST", "/api/transactions/categorize", body={"items": items})

    def analyze(self, group_by=None, **filters):
        return self._request("GET", "/api/transactions/analyze", dict(filters, group_by=group_by))

    def start_reconciliation(self, account_id, batch_id=None, statement_date=None, closing_balance=None):
        body = {"account_id": account_id}
        if batch_id is not None:
            body["batch_id"] = batch_id
        if statement_date is not None:
            body["statement_date"] = statement_date
        if closing_balance is not None:
            body["closing_balance"] = str(closing_balance)
        return self._request("POST", "/api/reconciliation/start", body=body)

    def reconciliation_status(self, session_id=None, account_id=None):
        return self._request("GET", "/api/reconciliation/status", {"session_id": session_id, "account_id": account_id})


def main(argv=None):
    parser = argparse.ArgumentParser(description="Example client for the Flowlet local API")
    parser.add_argument("--url", default=os.environ.get("FLOWLET_API_URL", "http://127.0.0.1:8765"))
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("health")
    sub.add_parser("me")
    t = sub.add_parser("transactions")
    t.add_argument("--account-id", type=int)
    t.add_argument("--text")
    t.add_argument("--from", dest="date_from")
    t.add_argument("--to", dest="date_to")
    t.add_argument("--limit", type=int, default=100, help="page size")
    u = sub.add_parser("upload")
    u.add_argument("file")
    u.add_argument("--account-id", type=int)
    u.add_argument("--create-account", action="store_true")
    u.add_argument("--accept-balance-mismatch", action="store_true")
    u.add_argument("--commit", action="store_true", help="import at once, without asking")
    u.add_argument("--yes", action="store_true", help="commit the preview without asking")
    a = sub.add_parser("analyze")
    a.add_argument("--group-by", default="category,month,counterparty")
    c = sub.add_parser("categorize")
    c.add_argument("--min-confidence", type=int, default=80)
    c.add_argument("--apply", action="store_true")
    args = parser.parse_args(argv)

    client = FlowletClient(args.url, os.environ.get("FLOWLET_API_KEY"))
    try:
        if args.command == "health":
            print(json.dumps(client.health()))
        elif args.command == "me":
            me = client.me()
            print(f"{me['user_name']} (key {me['key_prefix']}): {', '.join(me['permissions'])}")
        elif args.command == "transactions":
            filters = {"account_id": args.account_id, "text": args.text, "from": args.date_from, "to": args.date_to}
            count, totals = 0, {}
            for t in client.transactions(page_size=args.limit, **{k: v for k, v in filters.items() if v is not None}):
                count += 1
                totals[t["currency"]] = totals.get(t["currency"], decimal.Decimal(0)) + t["amount"]
            print(f"{count} transactions")
            for currency, total in sorted(totals.items()):
                print(f"total {currency} {total}")
        elif args.command == "upload":
            options = {"account_id": args.account_id, "create_account": args.create_account or None,
                       "accept_balance_mismatch": args.accept_balance_mismatch or None}
            result = client.upload(args.file, commit=args.commit, **options)
            if not result["committed"]:
                c = result["counts"]
                print(f"preview: {c['new']} new, {c['duplicate']} duplicate, {c['possible_match']} possible match")
                if not args.yes and (not sys.stdin.isatty() or input("commit? [y/N] ").lower() != "y"):
                    print("not imported")
                    return 0
                result = client.commit_upload(result["import_token"])
            print(f"imported as batch {', '.join(map(str, result['batch_ids']))}: {result['new']} new, "
                  f"{result['duplicate']} duplicate, {result['possible_match']} linked")
        elif args.command == "analyze":
            for grouping, rows in client.analyze(args.group_by).items():
                print(grouping)
                for row in rows:
                    print(f"  {row['key'] or '(none)'}: {row['total']} {row['currency']} in {row['count']}")
        elif args.command == "categorize":
            chosen = [{"transaction_id": p["transaction_id"], "category_id": p["category_id"]}
                      for p in client.proposals(limit=1000)["items"] if p["confidence"] >= args.min_confidence]
            print(f"{len(chosen)} proposals at or above {args.min_confidence}%")
            if args.apply and chosen:
                print(f"applied to {client.apply(chosen)['applied']} transactions")
    except ApiError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except urllib.error.URLError as e:
        print(f"error: cannot reach {args.url}: {e.reason}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

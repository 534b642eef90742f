"""The reference for bench_api.sh: the seed's own stack (Flask + SQLAlchemy, run by gunicorn)
serving GET /api/transactions?account_id=...&limit=... from the same PostgreSQL database as
`flowlet serve`, written the way that stack is usually written: ORM models, a session per request,
the API key looked up by its prefix and its SHA-256 compared, amounts as decimal strings.

    REFERENCE_DB_URL=postgresql+psycopg2:///flowlet_bench gunicorn -w 5 -b 127.0.0.1:18766 app:app
"""
import hashlib
import hmac
import os
from decimal import Decimal

from flask import Flask, g, jsonify, request
from sqlalchemy import BigInteger, Column, ForeignKey, Integer, String, Text, create_engine, select
from sqlalchemy.orm import declarative_base, relationship, sessionmaker

Base = declarative_base()


class Account(Base):
    __tablename__ = "accounts"
    id = Column(BigInteger, primary_key=True)
    name = Column(Text)


class Category(Base):
    __tablename__ = "categories"
    id = Column(BigInteger, primary_key=True)
    name = Column(Text)


class Transaction(Base):
    __tablename__ = "transactions"
    id = Column(BigInteger, primary_key=True)
    account_id = Column(BigInteger, ForeignKey("accounts.id"))
    occurred_at = Column(String)
    booking_date = Column(String)
    amount_micros = Column(BigInteger)
    currency = Column(Text)
    counterparty = Column(Text)
    description = Column(Text)
    category_id = Column(BigInteger, ForeignKey("categories.id"))
    channel = Column(Text)
    country = Column(Text)
    status = Column(Text)
    account = relationship(Account, lazy="joined")
    category = relationship(Category, lazy="joined")


class ApiKey(Base):
    __tablename__ = "api_keys"
    id = Column(BigInteger, primary_key=True)
    owner_id = Column(BigInteger)
    key_prefix = Column(Text)
    key_hash = Column(Text)
    scopes = Column(Text)
    revoked_at = Column(String)


engine = create_engine(os.environ.get("REFERENCE_DB_URL", "postgresql+psycopg2:///flowlet_bench"),
                       pool_size=4, max_overflow=0, pool_pre_ping=False)
Session = sessionmaker(bind=engine)
app = Flask(__name__)


def error(status, code, message):
    response = jsonify({"error": {"code": code, "message": message, "details": None,
                                  "timestamp": None, "request_id": None}})
    response.status_code = status
    return response


def amount_text(micros):
    return str((Decimal(micros) / Decimal(1000000)).quantize(Decimal("0.01")))


@app.before_request
def authenticate():
    g.db = Session()
    header = request.headers.get("Authorization", "")
    token = header[7:] if header.startswith("Bearer ") else ""
    parts = token.split("_")
    if len(parts) != 3 or parts[0] != "flk":
        return error(401, "unauthenticated", "a valid API key is required")
    key = g.db.execute(select(ApiKey).where(ApiKey.key_prefix == parts[1])).scalar_one_or_none()
    digest = hashlib.sha256(parts[2].encode()).hexdigest()
    if key is None or key.revoked_at is not None or not hmac.compare_digest(digest, key.key_hash):
        return error(401, "unauthenticated", "a valid API key is required")
    if "transactions.read" not in key.scopes:
        return error(403, "permission_denied", "the key lacks transactions.read")
    return None


@app.teardown_request
def close_session(_exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


@app.get("/api/transactions")
def transactions():
    try:
        account_id = int(request.args["account_id"])
        limit = min(max(int(request.args.get("limit", 100)), 1), 500)
    except (KeyError, ValueError):
        return error(400, "invalid_argument", "account_id and limit must be integers")
    rows = g.db.execute(select(Transaction).where(Transaction.account_id == account_id)
                        .order_by(Transaction.occurred_at.desc(), Transaction.id.desc())
                        .limit(limit)).scalars().all()
    items = [{
        "id": t.id, "account_id": t.account_id, "account_name": t.account.name,
        "occurred_at": str(t.occurred_at), "booking_date": str(t.booking_date),
        "amount": amount_text(t.amount_micros), "currency": t.currency,
        "counterparty": t.counterparty, "description": t.description,
        "category": t.category.name if t.category else None, "channel": t.channel,
        "country": t.country, "status": t.status,
    } for t in rows]
    next_cursor = f"{items[-1]['occurred_at']}|{items[-1]['id']}" if len(items) == limit else None
    return jsonify({"items": items, "next_cursor": next_cursor})

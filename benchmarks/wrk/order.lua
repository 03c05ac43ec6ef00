-- POST /orders/ for wrk: one line of product 1 per order (the full flow: outbox, reservation in Produits, status).
-- wrk prints "Non-2xx or 3xx responses" when any call failed or was throttled (429): such a run does not count.
-- Usage: wrk -t2 -c32 -d30s -s benchmarks/wrk/order.lua http://localhost:8002/orders/
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("API_KEY") or "secret_key_123"
wrk.body = '{"client_id": 1, "lignes": [{"produit_id": 1, "quantite": 1, "prix_unitaire": 12.5}]}'

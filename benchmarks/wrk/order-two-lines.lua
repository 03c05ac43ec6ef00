-- POST /orders/ for wrk: two lines on the same two products for every order (a flash sale, the hardest case for the
-- row locks of the reservation). PRODUITS="<id1>,<id2>" names them. wrk prints "Non-2xx or 3xx responses" when any
-- call failed or was throttled: such a run does not count.
local first, second = (os.getenv("PRODUITS") or "1,2"):match("(%d+),(%d+)")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("API_KEY") or "secret_key_123"
wrk.body = string.format('{"client_id": 1, "lignes": [{"produit_id": %s, "quantite": 1, "prix_unitaire": 12.5}, ' ..
    '{"produit_id": %s, "quantite": 1, "prix_unitaire": 8}]}', first, second)

-- GET with the API key for wrk. Usage: wrk -t2 -c64 -d30s -s benchmarks/wrk/read.lua http://localhost:8001/products/1
wrk.headers["X-API-Key"] = os.getenv("API_KEY") or "secret_key_123"

# A small image that runs the credscore API under gunicorn as a non-root user.
# Configure with CREDSCORE_* variables (README, "Running at scale"): CREDSCORE_WORKERS, CREDSCORE_API_KEYS,
# CREDSCORE_RATELIMIT_STORAGE_URI=redis://..., CREDSCORE_DATABASE_URL=postgresql+psycopg://...
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app
COPY pyproject.toml setup.cfg README.md ./
COPY scoring ./scoring
COPY api ./api
COPY gunicorn.conf.py ./
RUN pip install ".[redis]" && useradd --create-home --uid 10001 credscore

USER credscore
ENV CREDSCORE_BIND=0.0.0.0:8000
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status == 200 else 1)"
# SIGTERM (docker stop) drains: /readyz turns 503, in-flight requests finish; give it drain + timeout seconds.
STOPSIGNAL SIGTERM
CMD ["gunicorn", "-c", "/app/gunicorn.conf.py"]

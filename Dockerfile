# Trợ lý Kế hoạch (troly): the assistant as a container running `troly run`.
#
#   docker build -t troly .
#   docker run -e TROLY_TELEGRAM_TOKEN=... -v troly-data:/data -p 8080:8080 troly
#
# The SQLite database and exported files live in the /data volume; set TROLY_DATABASE_URL to a
# PostgreSQL URL (postgresql+asyncpg://...) for a deployment shared by several instances.

FROM python:3.11-slim AS build
WORKDIR /src
RUN python -m venv /opt/troly
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY knowledge ./knowledge
COPY storage ./storage
RUN /opt/troly/bin/pip install --no-cache-dir .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 troly \
    && mkdir /data && chown troly:troly /data
COPY --from=build /opt/troly /opt/troly
ENV PATH="/opt/troly/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    MPLCONFIGDIR=/tmp/matplotlib \
    TROLY_DATABASE_URL="sqlite+aiosqlite:////data/troly.sqlite3" \
    TROLY_EXPORT_DIR=/data/exports \
    TROLY_LISTEN_HOST=0.0.0.0 \
    TROLY_LISTEN_PORT=8080
USER troly
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4)"]
# SIGTERM (docker stop) finishes the sends in flight and stops cleanly.
CMD ["troly", "run"]

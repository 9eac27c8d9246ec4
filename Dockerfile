FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_ENV=production
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 prm
WORKDIR /app
# Exactly what uv.lock pins (hashes checked), without the dev extra; uv itself pinned with hashes.
ENV UV_PROJECT_ENVIRONMENT=/opt/venv UV_PYTHON_DOWNLOADS=never UV_LINK_MODE=copy \
    UV_COMPILE_BYTECODE=1 PATH=/opt/venv/bin:$PATH
COPY .ci/uv-requirements.txt /tmp/uv-requirements.txt
RUN pip install --no-cache-dir --no-deps --require-hashes -r /tmp/uv-requirements.txt
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --locked --no-cache --no-install-project
COPY . .
RUN uv sync --locked --no-cache --no-editable
# collectstatic needs settings that import cleanly; these build-time values are never used at run.
RUN SECRET_KEY=build-only-build-only-build-only-build-only-build-only \
    AUTHENTICATOR_ENCRYPTION_KEY=YnVpbGQtb25seS1idWlsZC1vbmx5LWJ1aWxkLW9ubHk= \
    ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/var && chown -R prm /app/var
USER prm
EXPOSE 8000
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"]

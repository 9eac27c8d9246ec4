FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_ENV=production
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 prm
WORKDIR /app
COPY pyproject.toml README.md ./
COPY config ./config
COPY cases ./cases
COPY referrals ./referrals
COPY rapid_reviews ./rapid_reviews
COPY lcspr ./lcspr
COPY notifications ./notifications
RUN pip install --no-cache-dir .
COPY . .
# collectstatic needs settings that import cleanly; these build-time values are never used at run.
RUN SECRET_KEY=build-only-build-only-build-only-build-only-build-only \
    AUTHENTICATOR_ENCRYPTION_KEY=YnVpbGQtb25seS1idWlsZC1vbmx5LWJ1aWxkLW9ubHk= \
    ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/var && chown -R prm /app/var
USER prm
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]

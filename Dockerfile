# One image for every command: `serve` (the default), `worker` and `migrate`.
#   docker build -t trellis . && docker run --env-file .env -p 3000:3000 trellis serve

# Build: install Trellis and its dependencies into a virtualenv, which the runtime stage copies alone.
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/trellis
WORKDIR /src
COPY pyproject.toml README.md ./
COPY domain ./domain
COPY persistence ./persistence
COPY slackapp ./slackapp
RUN /opt/trellis/bin/pip install --no-cache-dir .

# Run: the virtualenv, a user of its own, nothing else.
FROM python:3.11-slim
ENV PATH=/opt/trellis/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PORT=3000
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/trellis trellis
COPY --from=build /opt/trellis /opt/trellis
USER 10001:10001
WORKDIR /home/trellis
EXPOSE 3000
ENTRYPOINT ["trellis"]
CMD ["serve"]

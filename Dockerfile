# syntax=docker/dockerfile:1
# Build: docker build -t policywatch .
# Run:   docker run -e POLICYWATCH_TELEGRAM_TOKEN=... -v ./config:/app/config -v policywatch-data:/app/data policywatch

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system policywatch && useradd --system --gid policywatch --home-dir /app policywatch
WORKDIR /app
COPY --from=build /src/target/policywatch.jar /app/policywatch.jar
COPY config /app/config
RUN mkdir -p /app/data && chown -R policywatch:policywatch /app
USER policywatch
VOLUME ["/app/config", "/app/data"]
EXPOSE 8080
# The bot token comes from the environment (POLICYWATCH_TELEGRAM_TOKEN), never from the image.
ENV POLICYWATCH_CONFIG_DIR=/app/config POLICYWATCH_DATA_DIR=/app/data
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/policywatch.jar"]

# syntax=docker/dockerfile:1
# HealthGate image: built with the .NET SDK, run on the ASP.NET Core runtime as a non-root user.
#   docker build -t healthgate .      (docs/deployment.md)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first, so the restore layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/HealthGate/HealthGate.csproj src/HealthGate/
COPY src/HealthGate.Contracts/HealthGate.Contracts.csproj src/HealthGate.Contracts/
COPY src/HealthGate.Probe/HealthGate.Probe.csproj src/HealthGate.Probe/
RUN dotnet restore src/HealthGate/HealthGate.csproj \
 && dotnet restore src/HealthGate.Probe/HealthGate.Probe.csproj
COPY src/HealthGate/ src/HealthGate/
COPY src/HealthGate.Contracts/ src/HealthGate.Contracts/
COPY src/HealthGate.Probe/ src/HealthGate.Probe/
RUN dotnet publish src/HealthGate/HealthGate.csproj -c Release --no-restore -o /out/app \
 && dotnet publish src/HealthGate.Probe/HealthGate.Probe.csproj -c Release --no-restore -o /out/probe \
 && mkdir -p /out/data

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# The PDF evidence packs draw with DejaVu Sans (src/HealthGate/Audit/EvidenceFonts.cs); the base image has no fonts.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out/app ./
COPY --from=build /out/probe ./probe/
# The only directory the service may write under /app: the SQLite store when Storage:Provider is sqlite.
COPY --from=build --chown=1654:1654 /out/data ./data/
# appsettings.json sets Urls (127.0.0.1:5080, for a desk machine), which outranks ASPNETCORE_URLS and
# ASPNETCORE_HTTP_PORTS; a plain Urls variable outranks the file, so this is what makes the port 8080.
ENV Urls=http://+:8080
EXPOSE 8080
# 1654 is the "app" user of the dotnet images ($APP_UID); numeric, so Kubernetes can verify runAsNonRoot.
USER 1654:1654
# The image has neither curl nor wget: HealthGate.Probe (src/HealthGate.Probe) GETs the URL, exec form, no shell.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["dotnet", "/app/probe/HealthGate.Probe.dll", "http://127.0.0.1:8080/health/live", "3"]
ENTRYPOINT ["dotnet", "HealthGate.Service.dll"]

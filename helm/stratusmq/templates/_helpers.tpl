{{/*
Chart name, truncated to 63 characters (the DNS label limit).
*/}}
{{- define "stratusmq.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name: <release>-<chart>, or just <release> when it already contains the chart name.
*/}}
{{- define "stratusmq.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of the in-chart Redis Deployment and Service. */}}
{{- define "stratusmq.redis.fullname" -}}
{{- printf "%s-redis" (include "stratusmq.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of the separate MQTT Service. */}}
{{- define "stratusmq.mqttService.fullname" -}}
{{- printf "%s-mqtt" (include "stratusmq.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Chart name and version, for the helm.sh/chart label. */}}
{{- define "stratusmq.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release namespace, written on every namespaced object so `helm template | kubectl apply` lands there too. */}}
{{- define "stratusmq.namespace" -}}
{{- .Release.Namespace }}
{{- end }}

{{/*
Labels shared by every object: the app.kubernetes.io set plus commonLabels.
Objects add app.kubernetes.io/component themselves.
*/}}
{{- define "stratusmq.labels" -}}
helm.sh/chart: {{ include "stratusmq.chart" . }}
{{ include "stratusmq.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: stratusmq
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Labels that identify this release; add app.kubernetes.io/component to tell broker from redis. */}}
{{- define "stratusmq.selectorLabels" -}}
app.kubernetes.io/name: {{ include "stratusmq.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Selector labels of the broker pods. */}}
{{- define "stratusmq.broker.selectorLabels" -}}
{{ include "stratusmq.selectorLabels" . }}
app.kubernetes.io/component: broker
{{- end }}

{{/* Selector labels of the in-chart Redis pod. */}}
{{- define "stratusmq.redis.selectorLabels" -}}
{{ include "stratusmq.selectorLabels" . }}
app.kubernetes.io/component: redis
{{- end }}

{{/* ServiceAccount of the broker pods. */}}
{{- define "stratusmq.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "stratusmq.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The broker image: repository (the native one for the native flavor, when set), then @digest, or :tag where the
tag defaults to the app version, with -native for the native flavor.
*/}}
{{- define "stratusmq.image" -}}
{{- $native := eq .Values.image.flavor "native" }}
{{- $repository := .Values.image.repository }}
{{- if and $native .Values.image.nativeRepository }}
{{- $repository = .Values.image.nativeRepository }}
{{- end }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repository .Values.image.digest }}
{{- else }}
{{- $tag := .Values.image.tag | default (ternary (printf "%s-native" .Chart.AppVersion) .Chart.AppVersion $native) }}
{{- printf "%s:%s" $repository (toString $tag) }}
{{- end }}
{{- end }}

{{/*
A Quarkus duration ("30", "500ms", "10s", "2m", "1h", "1d") as whole seconds, rounded up.
Usage: include "stratusmq.durationSeconds" (list "shutdown.timeout" .Values.shutdown.timeout)
*/}}
{{- define "stratusmq.durationSeconds" -}}
{{- $name := index . 0 }}
{{- $raw := index . 1 | toString | trim | lower }}
{{- if regexMatch "^[0-9]+$" $raw }}
{{- $raw }}
{{- else if regexMatch "^[0-9]+ms$" $raw }}
{{- div (add (trimSuffix "ms" $raw | int64) 999) 1000 }}
{{- else if regexMatch "^[0-9]+s$" $raw }}
{{- trimSuffix "s" $raw | int64 }}
{{- else if regexMatch "^[0-9]+m$" $raw }}
{{- mul (trimSuffix "m" $raw | int64) 60 }}
{{- else if regexMatch "^[0-9]+h$" $raw }}
{{- mul (trimSuffix "h" $raw | int64) 3600 }}
{{- else if regexMatch "^[0-9]+d$" $raw }}
{{- mul (trimSuffix "d" $raw | int64) 86400 }}
{{- else }}
{{- fail (printf "%s: %q is not a duration; use a number of seconds or a number with ms, s, m, h or d (10s, 2m)" $name $raw) }}
{{- end }}
{{- end }}

{{/* Seconds a drain needs at most: readiness delay + disconnect timeout. */}}
{{- define "stratusmq.drainSeconds" -}}
{{- $delay := include "stratusmq.durationSeconds" (list "shutdown.readinessDelay" .Values.shutdown.readinessDelay) | int64 }}
{{- $timeout := include "stratusmq.durationSeconds" (list "shutdown.timeout" .Values.shutdown.timeout) | int64 }}
{{- add $delay $timeout }}
{{- end }}

{{/*
terminationGracePeriodSeconds: the explicit value if given (refused when it cannot cover the drain), else
readiness delay + drain timeout + margin. The app drains on SIGTERM itself, so no preStop hook is needed.
*/}}
{{- define "stratusmq.terminationGracePeriodSeconds" -}}
{{- $drain := include "stratusmq.drainSeconds" . | int64 }}
{{- if not (kindIs "invalid" .Values.terminationGracePeriodSeconds) }}
{{- if ne (toString .Values.terminationGracePeriodSeconds) "" }}
{{- $explicit := .Values.terminationGracePeriodSeconds | int64 }}
{{- if lt $explicit $drain }}
{{- fail (printf "terminationGracePeriodSeconds=%d is shorter than shutdown.readinessDelay + shutdown.timeout (%ds): pods would be killed in the middle of their drain" $explicit $drain) }}
{{- end }}
{{- $explicit }}
{{- else }}
{{- add $drain (.Values.shutdown.gracePeriodMarginSeconds | int64) }}
{{- end }}
{{- else }}
{{- add $drain (.Values.shutdown.gracePeriodMarginSeconds | int64) }}
{{- end }}
{{- end }}

{{/*
Ingress proxy read/send timeout in seconds: the explicit value (refused unless above mqtt.maxKeepAlive),
else 1.5 x maxKeepAlive + 30.
*/}}
{{- define "stratusmq.ingress.proxyTimeoutSeconds" -}}
{{- $keepAlive := .Values.mqtt.maxKeepAlive | int64 }}
{{- if and (not (kindIs "invalid" .Values.ingress.proxyTimeoutSeconds)) (ne (toString .Values.ingress.proxyTimeoutSeconds) "") }}
{{- $explicit := .Values.ingress.proxyTimeoutSeconds | int64 }}
{{- if le $explicit $keepAlive }}
{{- fail (printf "ingress.proxyTimeoutSeconds=%d must be above mqtt.maxKeepAlive=%d, or the proxy cuts idle MQTT connections before their PINGREQ" $explicit $keepAlive) }}
{{- end }}
{{- $explicit }}
{{- else }}
{{- add (div (mul $keepAlive 3) 2) 30 }}
{{- end }}
{{- end }}

{{/* Does the broker use Redis? */}}
{{- define "stratusmq.redis.enabled" -}}
{{- if eq .Values.cluster.backend "redis" }}true{{- end }}
{{- end }}

{{/* Does the chart create the Redis Secret (rather than using redis.existingSecret)? */}}
{{- define "stratusmq.redis.createSecret" -}}
{{- if and (include "stratusmq.redis.enabled" .) (not .Values.redis.existingSecret) }}true{{- end }}
{{- end }}

{{/* Name of the Secret holding the Redis URL and password. */}}
{{- define "stratusmq.redis.secretName" -}}
{{- if .Values.redis.existingSecret }}
{{- .Values.redis.existingSecret }}
{{- else }}
{{- printf "%s-redis" (include "stratusmq.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* Key of the Redis password in the Secret, empty when there is none. */}}
{{- define "stratusmq.redis.passwordKey" -}}
{{- if .Values.redis.existingSecret }}
{{- .Values.redis.existingSecretPasswordKey }}
{{- else if .Values.redis.password }}
{{- print "redis-password" }}
{{- end }}
{{- end }}

{{/* Redis URL the chart writes into its Secret. */}}
{{- define "stratusmq.redis.url" -}}
{{- if .Values.redis.internal.enabled }}
{{- printf "redis://%s:6379" (include "stratusmq.redis.fullname" .) }}
{{- else }}
{{- required "A Redis URL is required for the redis cluster backend: set redis.url (redis://host:6379), redis.existingSecret, or redis.internal.enabled=true to try StratusMQ with an in-chart Redis (or cluster.backend=local with one replica)" .Values.redis.url }}
{{- end }}
{{- end }}

{{/* Checks of value combinations that would render a broken installation. */}}
{{- define "stratusmq.validate" -}}
{{- if not (has .Values.image.flavor (list "jvm" "native")) }}
{{- fail (printf "image.flavor must be jvm or native, not %q" .Values.image.flavor) }}
{{- end }}
{{- if not (has .Values.cluster.backend (list "redis" "local")) }}
{{- fail (printf "cluster.backend must be redis or local, not %q" .Values.cluster.backend) }}
{{- end }}
{{- if eq .Values.cluster.backend "local" }}
{{- if or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1) }}
{{- fail "cluster.backend=local keeps all state in one pod: use replicaCount=1 without autoscaling, or the redis backend" }}
{{- end }}
{{- if .Values.redis.internal.enabled }}
{{- fail "redis.internal.enabled has no use with cluster.backend=local" }}
{{- end }}
{{- end }}
{{- if and .Values.redis.internal.enabled (or .Values.redis.url .Values.redis.existingSecret) }}
{{- fail "redis.internal.enabled cannot be combined with redis.url or redis.existingSecret: pick one Redis" }}
{{- end }}
{{- if and .Values.redis.internal.enabled (ne .Values.redis.clientType "standalone") }}
{{- fail "the in-chart Redis is standalone: leave redis.clientType=standalone" }}
{{- end }}
{{- if and (eq .Values.redis.clientType "sentinel") (not .Values.redis.masterName) }}
{{- fail "redis.clientType=sentinel needs redis.masterName" }}
{{- end }}
{{- if and .Values.tls.enabled (not .Values.tls.secretName) }}
{{- fail "tls.enabled needs tls.secretName: a kubernetes.io/tls Secret with tls.crt and tls.key" }}
{{- end }}
{{- if and .Values.mqttService.enabled (not (or .Values.tcp.enabled .Values.tls.enabled)) }}
{{- fail "mqttService.enabled needs tcp.enabled or tls.enabled: the MQTT Service would have no port" }}
{{- end }}
{{- if .Values.autoscaling.enabled }}
{{- if gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas) }}
{{- fail "autoscaling.minReplicas is above autoscaling.maxReplicas" }}
{{- end }}
{{- end }}
{{- end }}

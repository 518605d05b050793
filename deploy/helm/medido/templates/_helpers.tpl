{{/* Names and labels shared by every template. */}}

{{- define "medido.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "medido.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Selector labels of one role. Call with (dict "root" $ "role" "api"). */}}
{{- define "medido.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{- define "medido.roleName" -}}
{{- printf "%s-%s" (include "medido.fullname" .root) .role | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "medido.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "medido.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "medido.secretName" -}}
{{- default (printf "%s-secret" (include "medido.fullname" .)) .Values.secret.existingSecret -}}
{{- end -}}

{{- define "medido.image" -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- if .root.Values.image.registry -}}
{{- printf "%s/medido-%s:%s" (trimSuffix "/" .root.Values.image.registry) .role $tag -}}
{{- else -}}
{{- printf "medido-%s:%s" .role $tag -}}
{{- end -}}
{{- end -}}

{{/*
Fails the render with a readable message when a setting the roles cannot start without is missing,
instead of pods crash-looping on a configuration error.
*/}}
{{- define "medido.validate" -}}
{{- range $key := list "MEDIDO_PUBLIC_URL" "MEDIDO_KAFKA_BROKERS" "MEDIDO_OIDC_ISSUER" -}}
{{- if not (index $.Values.config $key) -}}
{{- fail (printf "config.%s is required (see docs/configuration.md)" $key) -}}
{{- end -}}
{{- end -}}
{{- if not .Values.secret.existingSecret -}}
{{- range $key := list "MEDIDO_CLICKHOUSE_URL" "MEDIDO_MONGO_URL" "MEDIDO_OIDC_CLIENT_SECRET" "MEDIDO_JWT_KEYS" "MEDIDO_INGEST_TOKENS" "MEDIDO_ADMIN_TOKENS" -}}
{{- if not (index $.Values.secret.values $key) -}}
{{- fail (printf "secret.values.%s is required unless secret.existingSecret names a Secret holding it" $key) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $key := keys .Values.secret.values | sortAlpha -}}
{{- if hasKey $.Values.config $key -}}
{{- fail (printf "config.%s is sensitive: give it in secret.values or in the Secret named by secret.existingSecret, never in the ConfigMap" $key) -}}
{{- end -}}
{{- end -}}
{{- $partitions := int .Values.topics.measurements.partitions -}}
{{- if gt (int .Values.projector.autoscaling.maxReplicas) $partitions -}}
{{- fail (printf "projector.autoscaling.maxReplicas (%d) exceeds topics.measurements.partitions (%d): a consumer group gives each partition to one member, so extra projector replicas would sit idle" (int .Values.projector.autoscaling.maxReplicas) $partitions) -}}
{{- end -}}
{{- if gt (int .Values.projector.replicas) $partitions -}}
{{- fail (printf "projector.replicas (%d) exceeds topics.measurements.partitions (%d)" (int .Values.projector.replicas) $partitions) -}}
{{- end -}}
{{- end -}}

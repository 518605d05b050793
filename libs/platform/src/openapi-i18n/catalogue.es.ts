// The Spanish rendering of the OpenAPI documents' prose: English text as written in the route schemas →
// its translation. Generated documents are matched by exact text, so editing an English description means
// editing its entry here; test/quality/openapi-i18n.unit.spec.ts fails on a text without one.
// Field names, codes, values and media types stay as they are (they are the API); Chilean usage: medidor,
// instalación, unidad, lectura, consumo.
export const SPANISH: Readonly<Record<string, string>> = {
  'One of avg, min, max, sum, count, first, last, delta, or several separated by commas (e.g. min,max,avg,delta), each at most once: points then carry `values` by aggregation, in that order. Default per variable: delta for cumulative registers, avg for instantaneous ones. Not with frequency=raw.':
    'Una de avg, min, max, sum, count, first, last, delta, o varias separadas por comas (p. ej. min,max,avg,delta), cada una a lo más una vez: los puntos llevan entonces `values` por agregación, en ese orden. Por omisión, según la variable: delta para los registros acumulativos, avg para los instantáneos. No con frequency=raw.',
  'Only buckets whose coverage is at least this (0–1); buckets below it, or whose coverage is unknown (no declared reading interval), are treated as empty (left out, or filled by fill). Not with frequency=raw.':
    'Solo los intervalos cuya cobertura es al menos este valor (0–1); los que quedan por debajo, o cuya cobertura es desconocida (sin intervalo de lectura declarado), se tratan como vacíos (se omiten, o se rellenan según fill). No con frequency=raw.',
  "The aggregate of the bucket, rounded to the register's decimals; null for a bucket filled with fill=null. Absent when several aggregations were asked (see values).":
    'El agregado del intervalo, redondeado a los decimales del registro; null para un intervalo rellenado con fill=null. Ausente cuando se pidieron varias agregaciones (vea values).',
  'With several aggregations: each one asked, by name, in the order asked.':
    'Con varias agregaciones: cada una de las pedidas, por nombre, en el orden pedido.',
  'Readings (for delta alone: increases) that made the value; 0 for a filled bucket.':
    'Lecturas (para delta sola: incrementos) que formaron el valor; 0 para un intervalo rellenado.',
  "Readings the registers' declared reading intervals imply for this bucket (92 for a 23-hour day of a 15-minute register); null when an interval is unknown.":
    'Lecturas que los intervalos de lectura declarados de los registros implican para este intervalo (92 en un día de 23 horas de un registro de 15 minutos); null cuando un intervalo de lectura es desconocido.',
  'count / expected, at most 1, truncated to 6 decimals (1 only when complete); null when expected is unknown.':
    'count / expected, a lo más 1, truncado a 6 decimales (1 solo cuando está completo); null cuando expected es desconocido.',
  'Of the count, readings measured by the meter (for delta: increases closed by such a reading).':
    'Del count, las lecturas medidas por el medidor (en delta: incrementos cerrados por una lectura así).',
  'Of the count, readings estimated by the pipeline where one was missing.':
    'Del count, las lecturas estimadas por el pipeline donde faltaba una.',
  'Of the count, readings substituted after validation.': 'Del count, las lecturas sustituidas tras la validación.',
  'True when the bucket holds every expected reading (count ≥ expected); null when expected is unknown.':
    'Verdadero cuando el intervalo contiene todas las lecturas esperadas (count ≥ expected); null cuando expected es desconocido.',
  'The aggregation of value. Absent for frequency=raw and when several were asked.':
    'La agregación de value. Ausente con frequency=raw y cuando se pidieron varias.',
  'When several aggregations were asked: the names of values, in order.':
    'Cuando se pidieron varias agregaciones: los nombres de values, en orden.',
  'The avg of the bucket, rounded like value; null when the bucket has none.':
    'El avg del intervalo, redondeado como value; null cuando el intervalo no tiene.',
  'The min of the bucket, rounded like value; null when the bucket has none.':
    'El min del intervalo, redondeado como value; null cuando el intervalo no tiene.',
  'The max of the bucket, rounded like value; null when the bucket has none.':
    'El max del intervalo, redondeado como value; null cuando el intervalo no tiene.',
  'The sum of the bucket, rounded like value; null when the bucket has none.':
    'El sum del intervalo, redondeado como value; null cuando el intervalo no tiene.',
  'The count of the bucket, rounded like value; null when the bucket has none.':
    'El count del intervalo, redondeado como value; null cuando el intervalo no tiene.',
  'The first of the bucket, rounded like value; null when the bucket has none.':
    'El first del intervalo, redondeado como value; null cuando el intervalo no tiene.',
  'The last of the bucket, rounded like value; null when the bucket has none.':
    'El last del intervalo, redondeado como value; null cuando el intervalo no tiene.',
  'The delta of the bucket, rounded like value; null when the bucket has none.':
    'El delta del intervalo, redondeado como value; null cuando el intervalo no tiene.',
  'Medido, the output API of the ChileMedido metering platform, for API consumers.\n\n**Access.** Log in once in a browser (`GET /auth/login`, OAuth 2.0) to receive an access token (a JWT, ≤ 15 min) and a refresh token; send `Authorization: Bearer <access token>` on every `/v1` call and refresh at `POST /auth/token`. Only the API-consumer role is accepted.\n\n**Authorization.** Public organizations are readable by every consumer, private ones only with a grant carried in the token. Every organization is listed by `GET /v1/organizations`; anything under an organization the caller may not read (installations, units, devices, measurements, including each `deviceIds` entry) answers 404 exactly as if it did not exist, so a response never reveals what a private organization holds.\n\n**Pages.** Lists and measurements page with opaque cursors: pass `nextCursor` back as `cursor` with the same other parameters; `nextCursor: null` marks the last page.\n\n**Errors.** Every error is `application/problem+json` (RFC 9457) with a stable `code`; branch on `code`, not on `title` or `detail`.\n\n**Caching and limits.** Catalog answers carry an `ETag` (send `If-None-Match` for a 304) and `Cache-Control: private`. Requests are limited per consumer; see the `RateLimit-*` headers, and `Retry-After` on 429.':
    'Medido, la API de salida de la plataforma de medición ChileMedido, para los consumidores de la API.\n\n**Acceso.** Inicie sesión una vez en un navegador (`GET /auth/login`, OAuth 2.0) para recibir un token de acceso (un JWT, ≤ 15 min) y un token de refresco; envíe `Authorization: Bearer <access token>` en cada llamada a `/v1` y refresque en `POST /auth/token`. Solo se acepta el rol de consumidor de la API.\n\n**Autorización.** Las organizaciones públicas las puede leer todo consumidor; las privadas, solo con un permiso incluido en el token. `GET /v1/organizations` lista todas las organizaciones; todo lo que pertenece a una organización que quien llama no puede leer (instalaciones, unidades, dispositivos, mediciones, incluida cada entrada de `deviceIds`) responde 404 exactamente como si no existiera, de modo que una respuesta nunca revela lo que contiene una organización privada.\n\n**Páginas.** Las listas y las mediciones se paginan con cursores opacos: devuelva `nextCursor` como `cursor` con los mismos demás parámetros; `nextCursor: null` marca la última página.\n\n**Errores.** Todo error es `application/problem+json` (RFC 9457) con un `code` estable; decida según `code`, no según `title` ni `detail`.\n\n**Caché y límites.** Las respuestas del catálogo llevan un `ETag` (envíe `If-None-Match` para obtener un 304) y `Cache-Control: private`. Las solicitudes se limitan por consumidor; vea los encabezados `RateLimit-*`, y `Retry-After` en el 429.',
  'URI of the problem type: https://medido.dev/problems/ followed by the code in kebab case.':
    'URI del tipo de problema: https://medido.dev/problems/ seguido del código en kebab case.',
  'Short summary of the problem type, the same for every occurrence of a code; for people, not for branching.':
    'Resumen breve del tipo de problema, igual para cada ocurrencia de un código; para personas, no para decidir en el código.',
  'The HTTP status code of this answer.': 'El código de estado HTTP de esta respuesta.',
  'Stable machine-readable error code (e.g. MEASUREMENTS_WINDOW_TOO_LARGE): branch on this.':
    'Código de error estable y legible por máquinas (p. ej. MEASUREMENTS_WINDOW_TOO_LARGE): decida según este.',
  'What went wrong in this occurrence, for people.': 'Qué salió mal en esta ocurrencia, para personas.',
  'The request this problem is about: its path and query string as sent.':
    'La solicitud a la que se refiere este problema: su ruta y su query string tal como se enviaron.',
  'JSON pointer (RFC 6901) or parameter path of the offending value.':
    'Puntero JSON (RFC 6901) o ruta del parámetro del valor erróneo.',
  'What is wrong with it.': 'Qué tiene de malo.',
  'One invalid field of the request.': 'Un campo no válido de la solicitud.',
  'Field-level failures, when the request did not validate.':
    'Fallas por campo, cuando la solicitud no pasó la validación.',
  'RFC 9457 problem details (application/problem+json).': 'Detalles de problema RFC 9457 (application/problem+json).',
  'Must be `refresh_token`.': 'Debe ser `refresh_token`.',
  'The refresh token from the login page or the previous refresh.':
    'El token de refresco de la página de inicio de sesión o del refresco anterior.',
  'Optional: your API consumer id; when sent it must match the token.':
    'Opcional: su id de consumidor de la API; si se envía, debe coincidir con el token.',
  'Optional: `read` (the only scope).': 'Opcional: `read` (el único alcance).',
  'RFC 6749 §6 refresh request.': 'Solicitud de refresco según RFC 6749 §6.',
  'JWT access token (RFC 9068), for `Authorization: Bearer`.':
    'Token de acceso JWT (RFC 9068), para `Authorization: Bearer`.',
  'Always Bearer (RFC 6750).': 'Siempre Bearer (RFC 6750).',
  'Seconds until the access token expires (at most 900).':
    'Segundos hasta que vence el token de acceso (a lo más 900).',
  'The NEW refresh token; the one you sent is now used up.': 'El NUEVO token de refresco; el que envió ya quedó usado.',
  'Seconds until the new refresh token expires if unused.':
    'Segundos hasta que vence el nuevo token de refresco si no se usa.',
  'Scopes granted, space-separated: read.': 'Alcances otorgados, separados por espacios: read.',
  'RFC 6749 §5.1 access token response.': 'Respuesta de token de acceso según RFC 6749 §5.1.',
  'RFC 6749 §5.2 error code (slow_down: too many requests, RFC 8628 §3.5).':
    'Código de error de RFC 6749 §5.2 (slow_down: demasiadas solicitudes, RFC 8628 §3.5).',
  'What is wrong, for the developer (RFC 6749 §5.2).': 'Qué está mal, para quien desarrolla (RFC 6749 §5.2).',
  'RFC 6749 §5.2 error response.': 'Respuesta de error según RFC 6749 §5.2.',
  'The refresh token to revoke (with every token of its login).':
    'El token de refresco que se revoca (junto con todos los tokens de su inicio de sesión).',
  'Optional (RFC 7009 §2.1): refresh_token; other values are ignored.':
    'Opcional (RFC 7009 §2.1): refresh_token; otros valores se ignoran.',
  'Optional: your API consumer id.': 'Opcional: su id de consumidor de la API.',
  'RFC 7009 revocation request.': 'Solicitud de revocación según RFC 7009.',
  'The `iss` of Medido access tokens; this document is at its RFC 8414 well-known URL.':
    'El `iss` de los tokens de acceso de Medido; este documento está en su URL well-known de RFC 8414.',
  'Refresh: `grant_type=refresh_token` (RFC 6749 §6).': 'Refresco: `grant_type=refresh_token` (RFC 6749 §6).',
  '`none`: public clients, identified by `client_id` = the API consumer id (optional).':
    '`none`: clientes públicos, identificados por `client_id` = el id de consumidor de la API (opcional).',
  'Sign-out: revokes a refresh token and every token of its sign-in (RFC 7009).':
    'Cierre de sesión: revoca un token de refresco y todos los tokens de su inicio de sesión (RFC 7009).',
  '`none`, as at the token endpoint.': '`none`, igual que en el endpoint de tokens.',
  'Public keys that verify access tokens (RFC 7517).': 'Claves públicas que verifican los tokens de acceso (RFC 7517).',
  '`refresh_token` only: the first tokens come from the browser sign-in at /auth/login.':
    'Solo `refresh_token`: los primeros tokens se obtienen al iniciar sesión en el navegador en /auth/login.',
  'Empty: Medido has no authorization endpoint for clients.':
    'Vacío: Medido no tiene endpoint de autorización para clientes.',
  '`read`, the only scope.': '`read`, el único alcance.',
  'The resources these tokens are for (RFC 9728 §4): the read API.':
    'Los recursos para los que sirven estos tokens (RFC 9728 §4): la API de lectura.',
  'Human-readable documentation of the API.': 'Documentación de la API para personas.',
  'RFC 8414 authorization server metadata.': 'Metadatos del servidor de autorización según RFC 8414.',
  'The read API: the `aud` of Medido access tokens.': 'La API de lectura: el `aud` de los tokens de acceso de Medido.',
  'Issuers whose RFC 8414 metadata says where to refresh tokens.':
    'Emisores cuyos metadatos RFC 8414 indican dónde refrescar los tokens.',
  '`header`: `Authorization: Bearer <access token>` only (RFC 6750 §2.1).':
    '`header`: solo `Authorization: Bearer <access token>` (RFC 6750 §2.1).',
  'Human-readable name.': 'Nombre legible para personas.',
  'RFC 9728 protected resource metadata.': 'Metadatos del recurso protegido según RFC 9728.',
  'Organization identifier.': 'Identificador de la organización.',
  'Display name.': 'Nombre visible.',
  'public: readable by every consumer; private: only with a grant.':
    'public: la puede leer todo consumidor; private: solo con un permiso.',
  "Whether this caller may read the organization's installations, devices and measurements: public, or private with a grant in the token.":
    'Si quien llama puede leer las instalaciones, dispositivos y mediciones de la organización: pública, o privada con un permiso en el token.',
  'An organization (a customer of the platform) and whether the caller may read its data.':
    'Una organización (un cliente de la plataforma) y si quien llama puede leer sus datos.',
  'This page, in id order.': 'Esta página, en orden de id.',
  'Pass as `cursor` to get the next page; null on the last page.':
    'Envíelo como `cursor` para obtener la página siguiente; null en la última página.',
  'One page of organizations.': 'Una página de organizaciones.',
  'Unit identifier.': 'Identificador de la unidad.',
  'A part of an installation: a floor, an apartment, a meter room.':
    'Una parte de una instalación: un piso, un departamento, una sala de medidores.',
  'Installation identifier.': 'Identificador de la instalación.',
  'The organization it belongs to.': 'La organización a la que pertenece.',
  'IANA zone of its calendar buckets by default (America/Santiago when the installation declares none).':
    'Zona IANA de sus intervalos de calendario por omisión (America/Santiago cuando la instalación no declara ninguna).',
  'Postal address, when known.': 'Dirección postal, cuando se conoce.',
  'Its units, in id order.': 'Sus unidades, en orden de id.',
  'A site (a building, a plant) with its units.': 'Un sitio (un edificio, una planta) con sus unidades.',
  'One page of installations.': 'Una página de instalaciones.',
  'Register name, e.g. active_energy_import.': 'Nombre del registro, p. ej. active_energy_import.',
  'Unit symbol, e.g. kWh.': 'Símbolo de la unidad de medida, p. ej. kWh.',
  'cumulative: a register that grows and may reset (consumption = delta); instantaneous: a level (avg by default).':
    'cumulative: un registro que crece y puede reiniciarse (consumo = delta); instantaneous: un nivel (avg por omisión).',
  'Decimals of the register, when declared; measurements are rounded to them (a mean gets three more), to 6 when not declared.':
    'Decimales del registro, cuando están declarados; las mediciones se redondean a ellos (un promedio lleva tres más), a 6 cuando no están declarados.',
  'Seconds between two readings of the register, when declared; measurements answer from it how many readings each bucket should hold (expected) and its coverage, null when not declared.':
    'Segundos entre dos lecturas del registro, cuando están declarados; las mediciones calculan con ellos cuántas lecturas debería tener cada intervalo (expected) y su cobertura, null cuando no están declarados.',
  'A register a meter reports.': 'Un registro que informa un medidor.',
  'Meter (device) identifier.': 'Identificador del medidor (dispositivo).',
  'The installation it is in.': 'La instalación en la que está.',
  'The organization of its installation.': 'La organización de su instalación.',
  'The unit it measures, or null when it belongs to the installation as a whole.':
    'La unidad que mide, o null cuando pertenece a la instalación en su conjunto.',
  'Meter model.': 'Modelo del medidor.',
  'Operational status of the meter.': 'Estado operativo del medidor.',
  'Time of its latest reading (UTC, ISO 8601), or null when none arrived yet.':
    'Hora de su última lectura (UTC, ISO 8601), o null cuando aún no ha llegado ninguna.',
  'The registers it reports.': 'Los registros que informa.',
  'A meter.': 'Un medidor.',
  'One page of meters.': 'Una página de medidores.',
  "Bucket start, inclusive, in the zone's offset.": 'Inicio del intervalo, incluido, en el desfase horario de la zona.',
  "Bucket end, exclusive, in the zone's offset.": 'Fin del intervalo, excluido, en el desfase horario de la zona.',
  "The aggregate of the bucket, rounded to the register's decimals; null for a bucket filled with fill=null.":
    'El agregado del intervalo, redondeado a los decimales del registro; null para un intervalo rellenado con fill=null.',
  'Readings (for delta: increases) that made the value; 0 for a filled bucket.':
    'Lecturas (para delta: incrementos) que formaron el valor; 0 para un intervalo rellenado.',
  'One bucket of an aggregated series.': 'Un intervalo de una serie agregada.',
  "Reading time in the zone's offset.": 'Hora de la lectura en el desfase horario de la zona.',
  'The reading as ingested.': 'La lectura tal como se ingirió.',
  'measured, estimated or substituted, as the pipeline sent it.':
    'measured, estimated o substituted, tal como lo envió el pipeline.',
  'One reading (frequency=raw).': 'Una lectura (frequency=raw).',
  'Variable (register) name.': 'Nombre de la variable (registro).',
  'cumulative or instantaneous.': 'cumulative o instantaneous.',
  'Absent for frequency=raw.': 'Ausente con frequency=raw.',
  'Freshness: when the newest reading of this series was ingested (UTC), null when none.':
    'Actualidad: cuándo se ingirió la lectura más reciente de esta serie (UTC), null cuando no hay ninguna.',
  'groupBy unit|installation: the meters combined into this series.':
    'groupBy unit|installation: los medidores combinados en esta serie.',
  'In time order: buckets, or raw readings for frequency=raw.':
    'En orden temporal: intervalos, o lecturas sin agregar con frequency=raw.',
  'The values of one variable.': 'Los valores de una variable.',
  'Its unit, or null when it belongs to the installation as a whole.':
    'Su unidad, o null cuando pertenece a la instalación en su conjunto.',
  'One series per variable.': 'Una serie por variable.',
  'The series of one meter.': 'Las series de un medidor.',
  'The unit, or null for the meters of the installation as a whole.':
    'La unidad, o null para los medidores de la instalación en su conjunto.',
  'The meters of one unit, combined.': 'Los medidores de una unidad, combinados.',
  'Every meter of the installation, combined.': 'Todos los medidores de la instalación, combinados.',
  'The installation read (that of the unit when unitId was asked).':
    'La instalación leída (la de la unidad cuando se pidió unitId).',
  'The unit read, when unitId was asked.': 'La unidad leída, cuando se pidió unitId.',
  'Window start echoed in UTC.': 'Inicio de la ventana, repetido en UTC.',
  'Window end echoed in UTC.': 'Fin de la ventana, repetido en UTC.',
  'The frequency answered.': 'La frecuencia respondida.',
  'The IANA zone of the buckets and of the offsets of the times.':
    'La zona IANA de los intervalos y de los desfases de las horas.',
  'How meters were combined: devices, units or installations holds the series.':
    'Cómo se combinaron los medidores: devices, units o installations contiene las series.',
  'How empty buckets were answered.': 'Cómo se respondieron los intervalos vacíos.',
  'groupBy=device (and raw): one entry per meter.': 'groupBy=device (y raw): una entrada por medidor.',
  'groupBy=unit: one entry per unit.': 'groupBy=unit: una entrada por unidad.',
  'groupBy=installation: one entry.': 'groupBy=installation: una entrada.',
  'One page of measurements: series per meter, unit or installation, by groupBy.':
    'Una página de mediciones: series por medidor, unidad o instalación, según groupBy.',
  'The API consumer (token subject).': 'El consumidor de la API (sujeto del token).',
  'The OAuth client the token was issued to.': 'El cliente OAuth al que se emitió el token.',
  'Always api_consumer on this API.': 'Siempre api_consumer en esta API.',
  'Space-separated scopes of the token (read).': 'Alcances del token separados por espacios (read).',
  'Private organizations this consumer may read; public ones are readable by every consumer.':
    'Organizaciones privadas que este consumidor puede leer; las públicas las puede leer todo consumidor.',
  'When the presented access token expires (UTC).': 'Cuándo vence el token de acceso presentado (UTC).',
  'The caller, as its access token says.': 'Quien llama, según su token de acceso.',
  'Browser sign-in: redirects to the identity provider (authorization code + PKCE)':
    'Inicio de sesión en el navegador: redirige al proveedor de identidad (código de autorización + PKCE)',
  "To the identity provider's authorization endpoint (Location), with the login cookies set.":
    'Al endpoint de autorización del proveedor de identidad (Location), con las cookies de inicio de sesión fijadas.',
  'The identity provider cannot be reached: a page saying so.':
    'No se puede contactar al proveedor de identidad: una página que lo indica.',
  'Where the identity provider returns: shows your access and refresh tokens':
    'Adonde vuelve el proveedor de identidad: muestra sus tokens de acceso y de refresco',
  'The token page: access token, refresh token and a curl example.':
    'La página de tokens: token de acceso, token de refresco y un ejemplo con curl.',
  'The sign-in was not completed, or this answer does not belong to a sign-in started in this browser: wrong state, another issuer (RFC 9207), a used, expired or swapped code.':
    'El inicio de sesión no se completó, o esta respuesta no corresponde a un inicio de sesión comenzado en este navegador: state incorrecto, otro emisor (RFC 9207), un código usado, vencido o intercambiado.',
  'The identity is not an active API consumer.': 'La identidad no es un consumidor de la API activo.',
  'The identity provider failed the code exchange, or its answer could not be verified.':
    'El proveedor de identidad falló en el intercambio del código, o su respuesta no se pudo verificar.',
  'The identity provider cannot be reached.': 'No se puede contactar al proveedor de identidad.',
  'Refresh: a new access token and a new refresh token':
    'Refresco: un nuevo token de acceso y un nuevo token de refresco',
  'RFC 6749 §6 with refresh-token rotation: the refresh token sent is used up; presenting it again revokes every token of that login (RFC 9700 §4.14.2). 429 `slow_down` with Retry-After when the client address exceeds its budget (shared with /auth/revoke).':
    'RFC 6749 §6 con rotación del token de refresco: el token de refresco enviado queda usado; volver a presentarlo revoca todos los tokens de ese inicio de sesión (RFC 9700 §4.14.2). 429 `slow_down` con Retry-After cuando la dirección del cliente excede su cuota (compartida con /auth/revoke).',
  'Sign out: revoke a refresh token and every token of its login':
    'Cerrar sesión: revocar un token de refresco y todos los tokens de su inicio de sesión',
  'RFC 7009. Answers 200 for unknown or already revoked tokens. Access tokens are not revocable: they expire within 15 minutes. 429 `slow_down` with Retry-After when the client address exceeds its budget (shared with /auth/token).':
    'RFC 7009. Responde 200 para tokens desconocidos o ya revocados. Los tokens de acceso no se pueden revocar: vencen en 15 minutos. 429 `slow_down` con Retry-After cuando la dirección del cliente excede su cuota (compartida con /auth/token).',
  'Revoked, or the token was unknown or already revoked (RFC 7009 §2.2).':
    'Revocado, o el token era desconocido o ya estaba revocado (RFC 7009 §2.2).',
  'Where to refresh and revoke tokens (RFC 8414 authorization server metadata)':
    'Dónde refrescar y revocar tokens (metadatos del servidor de autorización, RFC 8414)',
  'The read API as an OAuth protected resource (RFC 9728 metadata)':
    'La API de lectura como recurso protegido OAuth (metadatos RFC 9728)',
  'Public keys that verify Medido access tokens (JWKS, RFC 7517)':
    'Claves públicas que verifican los tokens de acceso de Medido (JWKS, RFC 7517)',
  'Default Response': 'Respuesta por omisión',
  'List every organization': 'Listar todas las organizaciones',
  'Every organization of the platform with its visibility, as the platform\'s directory (the seed: "todas las organizaciones que existen en la plataforma"), including private ones the caller holds no grant for: names and visibility are not confidential. `accessible` says which ones the caller may read; the installations, devices and measurements of the others answer 404.':
    'Todas las organizaciones de la plataforma con su visibilidad, como el directorio de la plataforma (el enunciado original: "todas las organizaciones que existen en la plataforma"), incluidas las privadas para las que quien llama no tiene permiso: los nombres y la visibilidad no son confidenciales. `accessible` indica cuáles puede leer quien llama; las instalaciones, dispositivos y mediciones de las demás responden 404.',
  'Items per page (1–1000).': 'Elementos por página (1–1000).',
  'Opaque cursor: the `nextCursor` of the previous page, unchanged, with the same other parameters.':
    'Cursor opaco: el `nextCursor` de la página anterior, sin cambios, con los mismos demás parámetros.',
  'Problem (RFC 9457). code: REQUEST_INVALID, CURSOR_INVALID':
    'Problema (RFC 9457). code: REQUEST_INVALID, CURSOR_INVALID',
  'Problem (RFC 9457). code: AUTH_TOKEN_MISSING, AUTH_TOKEN_INVALID, AUTH_TOKEN_EXPIRED':
    'Problema (RFC 9457). code: AUTH_TOKEN_MISSING, AUTH_TOKEN_INVALID, AUTH_TOKEN_EXPIRED',
  'Problem (RFC 9457). code: AUTH_ROLE_REQUIRED': 'Problema (RFC 9457). code: AUTH_ROLE_REQUIRED',
  'Problem (RFC 9457). code: URI_TOO_LONG': 'Problema (RFC 9457). code: URI_TOO_LONG',
  'Problem (RFC 9457). code: RATE_LIMITED': 'Problema (RFC 9457). code: RATE_LIMITED',
  'Problem (RFC 9457). code: REQUEST_HEADERS_TOO_LARGE': 'Problema (RFC 9457). code: REQUEST_HEADERS_TOO_LARGE',
  'Problem (RFC 9457). code: ACCESS_LOG_UNAVAILABLE': 'Problema (RFC 9457). code: ACCESS_LOG_UNAVAILABLE',
  'One organization': 'Una organización',
  'A public organization, or a private one the caller holds a grant for; any other id answers 404 ORGANIZATION_NOT_FOUND, exactly as an id that does not exist.':
    'Una organización pública, o una privada para la que quien llama tiene permiso; cualquier otro id responde 404 ORGANIZATION_NOT_FOUND, exactamente como un id que no existe.',
  'Organization identifier: as listed by GET /v1/organizations.':
    'Identificador de la organización: tal como lo lista GET /v1/organizations.',
  'Problem (RFC 9457). code: REQUEST_INVALID': 'Problema (RFC 9457). code: REQUEST_INVALID',
  'Problem (RFC 9457). code: ORGANIZATION_NOT_FOUND': 'Problema (RFC 9457). code: ORGANIZATION_NOT_FOUND',
  'List installations with their units': 'Listar las instalaciones con sus unidades',
  "The installations the caller may read (of public organizations and of granted private ones), each with its units. With `organizationId`, only that organization's; an organization the caller may not read answers 404, as one that does not exist.":
    'Las instalaciones que quien llama puede leer (de organizaciones públicas y de privadas con permiso), cada una con sus unidades. Con `organizationId`, solo las de esa organización; una organización que quien llama no puede leer responde 404, como una que no existe.',
  "Only this organization's installations.": 'Solo las instalaciones de esta organización.',
  'One installation with its units': 'Una instalación con sus unidades',
  'An installation of an organization the caller may read; any other id answers 404 INSTALLATION_NOT_FOUND, exactly as one that does not exist.':
    'Una instalación de una organización que quien llama puede leer; cualquier otro id responde 404 INSTALLATION_NOT_FOUND, exactamente como uno que no existe.',
  'Installation identifier: as listed by GET /v1/installations.':
    'Identificador de la instalación: tal como lo lista GET /v1/installations.',
  'Problem (RFC 9457). code: INSTALLATION_NOT_FOUND': 'Problema (RFC 9457). code: INSTALLATION_NOT_FOUND',
  'List the meters of an installation or unit': 'Listar los medidores de una instalación o unidad',
  "The installation's meters (all its units).": 'Los medidores de la instalación (de todas sus unidades).',
  "The unit's meters.": 'Los medidores de la unidad.',
  'Problem (RFC 9457). code: INSTALLATION_NOT_FOUND, UNIT_NOT_FOUND':
    'Problema (RFC 9457). code: INSTALLATION_NOT_FOUND, UNIT_NOT_FOUND',
  'One meter': 'Un medidor',
  'A meter of an organization the caller may read; any other id answers 404 DEVICE_NOT_FOUND, exactly as one that does not exist.':
    'Un medidor de una organización que quien llama puede leer; cualquier otro id responde 404 DEVICE_NOT_FOUND, exactamente como uno que no existe.',
  'Device identifier: as listed by GET /v1/devices.':
    'Identificador del dispositivo: tal como lo lista GET /v1/devices.',
  'Problem (RFC 9457). code: DEVICE_NOT_FOUND': 'Problema (RFC 9457). code: DEVICE_NOT_FOUND',
  'Measurements of an installation or unit': 'Mediciones de una instalación o unidad',
  "Readings of the meters of one installation or unit over the window `[from, to)`, grouped by meter (or combined per unit or installation).\n\n**Window.** `from` inclusive, `to` exclusive, ISO 8601 with an offset (`2026-04-04T00:00:00-03:00` or `…Z`). The answer echoes them in UTC.\n\n**Buckets.** `15m` and `1h` are fixed widths aligned to UTC (local quarter hours / hours wherever the offset is a whole number of them). `1d`, `1w` (ISO weeks, Monday first), `1mo` and `1y` are calendar buckets in `timezone`: a day starts at the first instant of its local date, so DST change days last 23 h or 25 h (in America/Santiago the September change skips 00:00–01:00, and that day starts at 01:00). Each point carries its bucket's `start` and `end` written in the zone's offset. A window that does not start or end on a boundary gets clipped first/last buckets whose `start`/`end` say exactly what they cover.\n\n**Membership.** A reading at instant `t` belongs to the bucket `[a, b)` with `a ≤ t < b`, for every aggregation except `delta`.\n\n**delta (consumption).** The increase between consecutive readings `(t₁, v₁) → (t₂, v₂)` of a register is `v₂ − v₁`, or `v₂` when `v₂ < v₁` (the register was reset to zero). It is attributed to the bucket containing `t₂ − 1 ms`: a reading closes the interval that ends at it, so the reading at exactly midnight closes the previous day. A bucket's consumption is the sum of the increases attributed to it, including the one from the last reading before the bucket. A late or out-of-order reading changes the increases around it as if it had arrived in order. A reading re-sent with the same (meter, variable, time) counts once.\n\n**Other aggregations.** `avg` is the arithmetic mean of the bucket's readings; `min`, `max`, `sum`, `count`, `first`, `last` as named. Defaults: `delta` for cumulative registers, `avg` for instantaneous variables. `delta` on an instantaneous variable is refused.\n\n**Several aggregations.** `aggregation=min,max,avg,delta` (each at most once) answers every one from the same buckets in one engine query: points carry `values` (`{\"min\": …, \"max\": …}`, in the order asked) instead of `value`, the series lists `aggregations`; `count` is then the number of readings (of increases only when delta is the only one). One aggregation answers `value` as always.\n\n**Completeness and quality.** Every bucket says how many readings it holds per quality (`measured`, `estimated`, `substituted`, adding up to `count`; for delta, an increase has the quality of the reading that closes it) and, when the registers declare their `readingIntervalSeconds` in the catalog, how many were `expected` (instants of the interval in the bucket: 92 on a 23-hour day of a 15-minute register, 100 on a 25-hour day; a group adds its meters'), the `coverage` (count / expected, at most 1, truncated to 6 decimals) and whether it is `complete`; these three are null when an interval is unknown. `minCoverage` (0–1) treats buckets below it, or of unknown coverage, as empty (then `fill` applies).\n\n**groupBy.** `unit` and `installation` combine, per variable, the meters of the group whose variable has the same name, unit and kind: delta, sum and count add up; min and max take the extreme; avg is the mean of all readings (meters weighted by their counts); first and last are the earliest and latest reading of any meter (computed from the readings, window ≤ 367 days). Meters without a unit form the group `unitId: null`. Each combined series lists its `deviceIds`.\n\n**fill.** `none` omits empty buckets; `null` answers them with `value: null`; `previous` repeats the latest earlier value of the window (null before the first). Filled points have `count: 0`.\n\n**frequency=raw.** Points are the readings `{ts, value, quality}`; no aggregation, groupBy or fill.\n\n**Freshness.** Each series states `lastIngestedAt`: when its newest reading was ingested.\n\n**Pages.** At most `limit` points per page (default 20000, at most 100000); the answer is walked series by series, points in time order, and `nextCursor` continues exactly where the page stopped (a series split across pages appears on both, each with its part of the points). Nothing is ever cut silently: `nextCursor` is null only on the last page. Cursors are bound to the query: reuse them with the same parameters.\n\n**Limits per request.** Longest window by frequency: raw 32 days, 15m 367 days, 1h 1100 days, 1d 7320 days, 1w/1mo/1y 36600 days; at most 1000 deviceIds and 100 variables.\n\n**Authorization.** The installation or unit, and every `deviceIds` entry, must belong to an organization the caller may read; anything else answers 404 exactly as if it did not exist. A meter the caller may read that is outside the installation or unit is 400 `MEASUREMENTS_DEVICE_NOT_IN_SCOPE`.\n\n**CSV.** With `Accept: text/csv`: one row per point (`installationId, unitId, deviceId, variable, unit, aggregation, start, end, value, count, expected, coverage, measured, estimated, substituted, complete`, with several aggregations `value_<aggregation>` columns in place of `value`; raw: `…, ts, value, quality`), the same numbers as JSON; the next page is in the `Link: <…>; rel=\"next\"` header.\n\n**Arrow.** With `Accept: application/vnd.apache.arrow.stream`: the same page as an Arrow IPC stream in record batches, the CSV columns plus `decimals` (the variable's declared decimals). Ids, `variable`, `unit`, `aggregation` and `quality` are dictionary-encoded; `start`, `end` and `ts` are `timestamp[ms, UTC]` (the answer's zone is in the schema metadata `medido:timezone`); aggregated values are `decimal128(38, s)`, exactly the JSON numbers, `s` the most decimals any series of the query answers with; raw values are `float64`, the readings as stored. The next page is in `Link` (and in `medido:nextCursor`).\n\n**Parquet.** With `Accept: application/vnd.apache.parquet`: the same page, columns, types and schema metadata as one Parquet file (zstd pages).":
    'Lecturas de los medidores de una instalación o unidad en la ventana `[from, to)`, agrupadas por medidor (o combinadas por unidad o instalación).\n\n**Ventana.** `from` incluido, `to` excluido, ISO 8601 con desfase horario (`2026-04-04T00:00:00-03:00` o `…Z`). La respuesta los repite en UTC.\n\n**Intervalos.** `15m` y `1h` tienen ancho fijo alineado a UTC (cuartos de hora / horas locales donde el desfase es un número entero de ellos). `1d`, `1w` (semanas ISO, a partir del lunes), `1mo` y `1y` son intervalos de calendario en `timezone`: un día comienza en el primer instante de su fecha local, así que los días de cambio de horario duran 23 h o 25 h (en America/Santiago el cambio de septiembre salta de 00:00 a 01:00, y ese día comienza a las 01:00). Cada punto lleva el `start` y el `end` de su intervalo escritos en el desfase horario de la zona. Una ventana que no empieza o no termina en un límite recibe un primer o último intervalo recortado, cuyo `start`/`end` dice exactamente qué cubre.\n\n**Pertenencia.** Una lectura en el instante `t` pertenece al intervalo `[a, b)` con `a ≤ t < b`, para toda agregación excepto `delta`.\n\n**delta (consumo).** El incremento entre lecturas consecutivas `(t₁, v₁) → (t₂, v₂)` de un registro es `v₂ − v₁`, o `v₂` cuando `v₂ < v₁` (el registro se reinició a cero). Se atribuye al intervalo que contiene `t₂ − 1 ms`: una lectura cierra el intervalo que termina en ella, de modo que la lectura exactamente a medianoche cierra el día anterior. El consumo de un intervalo es la suma de los incrementos que se le atribuyen, incluido el que viene de la última lectura anterior al intervalo. Una lectura atrasada o fuera de orden cambia los incrementos a su alrededor como si hubiera llegado en orden. Una lectura reenviada con el mismo (medidor, variable, hora) cuenta una sola vez.\n\n**Otras agregaciones.** `avg` es la media aritmética de las lecturas del intervalo; `min`, `max`, `sum`, `count`, `first`, `last` son lo que indica su nombre. Por omisión: `delta` para los registros acumulativos, `avg` para las variables instantáneas. Se rechaza `delta` sobre una variable instantánea.\n\n**Varias agregaciones.** `aggregation=min,max,avg,delta` (cada una a lo más una vez) las responde todas a partir de los mismos intervalos en una sola consulta al motor: los puntos llevan `values` (`{"min": …, "max": …}`, en el orden pedido) en lugar de `value`, y la serie lista `aggregations`; `count` es entonces la cantidad de lecturas (de incrementos solo cuando delta es la única). Una sola agregación responde `value` como siempre.\n\n**Completitud y calidad.** Cada intervalo dice cuántas lecturas contiene por calidad (`measured`, `estimated`, `substituted`, que suman `count`; en delta, un incremento tiene la calidad de la lectura que lo cierra) y, cuando los registros declaran su `readingIntervalSeconds` en el catálogo, cuántas se esperaban (`expected`: instantes del intervalo de lectura dentro del intervalo: 92 en un día de 23 horas de un registro de 15 minutos, 100 en un día de 25 horas; un grupo suma las de sus medidores), la cobertura (`coverage`: count / expected, a lo más 1, truncada a 6 decimales) y si está completo (`complete`); estos tres son null cuando un intervalo de lectura es desconocido. `minCoverage` (0–1) trata como vacíos los intervalos bajo ese valor o de cobertura desconocida (luego se aplica `fill`).\n\n**groupBy.** `unit` e `installation` combinan, por variable, los medidores del grupo cuya variable tiene el mismo nombre, unidad de medida y tipo: delta, sum y count se suman; min y max toman el extremo; avg es la media de todas las lecturas (los medidores ponderados por su cantidad de lecturas); first y last son la lectura más temprana y la más tardía de cualquier medidor (calculadas a partir de las lecturas, ventana ≤ 367 días). Los medidores sin unidad forman el grupo `unitId: null`. Cada serie combinada lista sus `deviceIds`.\n\n**fill.** `none` omite los intervalos vacíos; `null` los responde con `value: null`; `previous` repite el último valor anterior dentro de la ventana (null antes del primero). Los puntos rellenados tienen `count: 0`.\n\n**frequency=raw.** Los puntos son las lecturas `{ts, value, quality}`; sin aggregation, groupBy ni fill.\n\n**Actualidad.** Cada serie indica `lastIngestedAt`: cuándo se ingirió su lectura más reciente.\n\n**Páginas.** A lo más `limit` puntos por página (por omisión 20000, a lo más 100000); la respuesta se recorre serie por serie, con los puntos en orden temporal, y `nextCursor` continúa exactamente donde se detuvo la página (una serie repartida entre páginas aparece en ambas, cada una con su parte de los puntos). Nunca se corta nada en silencio: `nextCursor` es null solo en la última página. Los cursores están ligados a la consulta: reutilícelos con los mismos parámetros.\n\n**Límites por solicitud.** Ventana más larga según la frecuencia: raw 32 días, 15m 367 días, 1h 1100 días, 1d 7320 días, 1w/1mo/1y 36600 días; a lo más 1000 deviceIds y 100 variables.\n\n**Autorización.** La instalación o unidad, y cada entrada de `deviceIds`, deben pertenecer a una organización que quien llama puede leer; cualquier otra cosa responde 404 exactamente como si no existiera. Un medidor que quien llama puede leer pero que está fuera de la instalación o unidad es 400 `MEASUREMENTS_DEVICE_NOT_IN_SCOPE`.\n\n**CSV.** Con `Accept: text/csv`: una fila por punto (`installationId, unitId, deviceId, variable, unit, aggregation, start, end, value, count, expected, coverage, measured, estimated, substituted, complete`, con varias agregaciones, columnas `value_<aggregation>` en lugar de `value`; raw: `…, ts, value, quality`), los mismos números que en JSON; la página siguiente está en el encabezado `Link: <…>; rel="next"`.\n\n**Arrow.** Con `Accept: application/vnd.apache.arrow.stream`: la misma página como flujo Arrow IPC en lotes de registros, con las columnas del CSV más `decimals` (los decimales declarados de la variable). Los ids, `variable`, `unit`, `aggregation` y `quality` van codificados como diccionario; `start`, `end` y `ts` son `timestamp[ms, UTC]` (la zona de la respuesta está en el metadato de esquema `medido:timezone`); los valores agregados son `decimal128(38, s)`, exactamente los números del JSON, con `s` la mayor cantidad de decimales con que responde alguna serie de la consulta; los valores raw son `float64`, las lecturas tal como se almacenaron. La página siguiente está en `Link` (y en `medido:nextCursor`).\n\n**Parquet.** Con `Accept: application/vnd.apache.parquet`: la misma página, con las mismas columnas, tipos y metadatos de esquema, como un archivo Parquet (páginas zstd).',
  'The installation to read (exactly one of installationId and unitId).':
    'La instalación que se lee (exactamente uno de installationId y unitId).',
  'The unit to read (exactly one of installationId and unitId).':
    'La unidad que se lee (exactamente uno de installationId y unitId).',
  'Only these meters; each must be visible to the caller and inside the installation or unit (at most 1000). Comma-separated, repeated, or both.':
    'Solo estos medidores; cada uno debe ser visible para quien llama y estar dentro de la instalación o unidad (a lo más 1000). Separados por comas, repetidos, o ambos.',
  'Only these variables (at most 100); each must exist on a selected meter. Comma-separated, repeated, or both.':
    'Solo estas variables (a lo más 100); cada una debe existir en un medidor seleccionado. Separadas por comas, repetidas, o ambas.',
  'Window start, inclusive: ISO 8601 / RFC 3339 with an offset or Z, e.g. 2026-04-04T00:00:00-03:00.':
    'Inicio de la ventana, incluido: ISO 8601 / RFC 3339 con desfase horario o Z, p. ej. 2026-04-04T00:00:00-03:00.',
  'Window end, exclusive: ISO 8601 / RFC 3339 with an offset or Z. Must be after from.':
    'Fin de la ventana, excluido: ISO 8601 / RFC 3339 con desfase horario o Z. Debe ser posterior a from.',
  'raw readings, or buckets of 15m, 1h, 1d, 1w (ISO weeks), 1mo, 1y.':
    'Lecturas sin agregar (raw), o intervalos de 15m, 1h, 1d, 1w (semanas ISO), 1mo, 1y.',
  'Default per variable: delta for cumulative registers, avg for instantaneous ones. Not with frequency=raw.':
    'Por omisión, según la variable: delta para los registros acumulativos, avg para los instantáneos. No con frequency=raw.',
  'One series per meter, or meters combined per unit or per installation (not with frequency=raw).':
    'Una serie por medidor, o medidores combinados por unidad o por instalación (no con frequency=raw).',
  "IANA zone for calendar buckets and for the offsets of bucket times. Default: the installation's, else America/Santiago.":
    'Zona IANA para los intervalos de calendario y para los desfases de las horas de los intervalos. Por omisión: la de la instalación; si no, America/Santiago.',
  "Empty buckets: omitted (none), value null (null), or the previous bucket's value (previous). Not with frequency=raw.":
    'Intervalos vacíos: omitidos (none), valor null (null), o el valor del intervalo anterior (previous). No con frequency=raw.',
  'Points per page (1–100000).': 'Puntos por página (1–100000).',
  'One page of the answer.': 'Una página de la respuesta.',
  'Problem (RFC 9457). code: REQUEST_INVALID, MEASUREMENTS_SCOPE_REQUIRED, MEASUREMENTS_PARAMETER_INVALID, MEASUREMENTS_WINDOW_INVALID, MEASUREMENTS_WINDOW_TOO_LARGE, TIMEZONE_UNKNOWN, MEASUREMENTS_DEVICE_NOT_IN_SCOPE, MEASUREMENTS_VARIABLE_UNKNOWN, CURSOR_INVALID':
    'Problema (RFC 9457). code: REQUEST_INVALID, MEASUREMENTS_SCOPE_REQUIRED, MEASUREMENTS_PARAMETER_INVALID, MEASUREMENTS_WINDOW_INVALID, MEASUREMENTS_WINDOW_TOO_LARGE, TIMEZONE_UNKNOWN, MEASUREMENTS_DEVICE_NOT_IN_SCOPE, MEASUREMENTS_VARIABLE_UNKNOWN, CURSOR_INVALID',
  'Problem (RFC 9457). code: INSTALLATION_NOT_FOUND, UNIT_NOT_FOUND, DEVICE_NOT_FOUND':
    'Problema (RFC 9457). code: INSTALLATION_NOT_FOUND, UNIT_NOT_FOUND, DEVICE_NOT_FOUND',
  'Problem (RFC 9457). code: NOT_ACCEPTABLE': 'Problema (RFC 9457). code: NOT_ACCEPTABLE',
  'The caller': 'Quien llama',
  'Identity and grants as carried by the access token (no database read): what every other route authorizes with.':
    'Identidad y permisos tal como los lleva el token de acceso (sin leer la base de datos): con esto autoriza cada una de las demás rutas.',
  'Organizations, installations with their units, meters.':
    'Organizaciones, instalaciones con sus unidades, medidores.',
  'Readings and their aggregates.': 'Lecturas y sus agregados.',
  'The caller.': 'Quien llama.',
  'Write side of Medido: meter readings, catalog events and admin commands, published to the event bus. Every answer 202 means the bus stored it; 503 EVENT_BUS_UNAVAILABLE (with Retry-After) means nothing was accepted. Errors are application/problem+json (RFC 9457) with a stable `code`.':
    'Lado de escritura de Medido: lecturas de medidores, eventos de catálogo y comandos de administración, publicados en el bus de eventos. Toda respuesta 202 significa que el bus los almacenó; 503 EVENT_BUS_UNAVAILABLE (con Retry-After) significa que no se aceptó nada. Los errores son application/problem+json (RFC 9457) con un `code` estable.',
  'An ingest credential (MEDIDO_INGEST_TOKENS).': 'Una credencial de ingesta (MEDIDO_INGEST_TOKENS).',
  'An admin credential (MEDIDO_ADMIN_TOKENS).': 'Una credencial de administración (MEDIDO_ADMIN_TOKENS).',
  'Variable (register) name in snake_case, e.g. active_energy_import.':
    'Nombre de la variable (registro) en snake_case, p. ej. active_energy_import.',
  'Instant of the reading, ISO 8601 with offset or Z.': 'Instante de la lectura, ISO 8601 con desfase horario o Z.',
  'Finite number, |value| ≤ 10^15. Cumulative registers send the register value, not a difference.':
    'Número finito, |value| ≤ 10^15. Los registros acumulativos envían el valor del registro, no una diferencia.',
  'measured: read from the meter; estimated: computed where a reading is missing; substituted: replaced after validation. Default: measured.':
    'measured: leída del medidor; estimated: calculada donde falta una lectura; substituted: reemplazada tras la validación. Por omisión: measured.',
  'One meter reading.': 'Una lectura de un medidor.',
  'The readings, at most 100000.': 'Las lecturas, a lo más 100000.',
  'A batch of readings. As application/x-ndjson: one reading object per line instead.':
    'Un lote de lecturas. Como application/x-ndjson: en su lugar, un objeto de lectura por línea.',
  'CloudEvents version: 1.0.': 'Versión de CloudEvents: 1.0.',
  'Event id, unique per source: re-sending it makes a retry a duplicate that projections ignore.':
    'Id del evento, único por fuente: reenviarlo convierte un reintento en un duplicado que las proyecciones ignoran.',
  'URI-reference of the producer, e.g. /pipelines/site-7.': 'Referencia URI del productor, p. ej. /pipelines/site-7.',
  'Event type: MeasurementsRecorded.': 'Tipo de evento: MeasurementsRecorded.',
  'When it happened (RFC 3339). Default: when the ingestor received it.':
    'Cuándo ocurrió (RFC 3339). Por omisión: cuando lo recibió el ingestor.',
  'What the event is about; the ingestor keys it by its aggregate id regardless.':
    'De qué trata el evento; el ingestor lo indexa de todos modos por el id de su agregado.',
  'JSON data only (no data_base64).': 'Solo datos JSON (sin data_base64).',
  'URI of the schema of data.': 'URI del esquema de data.',
  'Decimal digits, e.g. "0000000003".': 'Dígitos decimales, p. ej. "0000000003".',
  'Deprecated integer form.': 'Forma entera, obsoleta.',
  'CloudEvents sequence extension: the order of events of one source, as a string that sorts lexicographically.':
    'Extensión sequence de CloudEvents: el orden de los eventos de una fuente, como una cadena que se ordena lexicográficamente.',
  'Instant of the reading, UTC with milliseconds.': 'Instante de la lectura, en UTC con milisegundos.',
  'Finite number, |value| ≤ 10^15.': 'Número finito, |value| ≤ 10^15.',
  'The readings of this device.': 'Las lecturas de este dispositivo.',
  'Readings of one device.': 'Lecturas de un dispositivo.',
  'A MeasurementsRecorded CloudEvent: the readings of one device.':
    'Un CloudEvent MeasurementsRecorded: las lecturas de un dispositivo.',
  'Stable code of why the item was refused.': 'Código estable del motivo por el que se rechazó el elemento.',
  'Position of the item in the request (NDJSON: among the non-empty lines, from 0).':
    'Posición del elemento en la solicitud (NDJSON: entre las líneas no vacías, desde 0).',
  'What is wrong with the item, for people.': 'Qué tiene de malo el elemento, para personas.',
  'One item the ingestor refused; the others of the request were accepted.':
    'Un elemento que el ingestor rechazó; los demás de la solicitud se aceptaron.',
  'Items the event bus acknowledged.': 'Elementos que el bus de eventos confirmó.',
  'Items refused, in request order; the others were accepted.':
    'Elementos rechazados, en el orden de la solicitud; los demás se aceptaron.',
  'What the event bus stored: accepted items, and the refused ones with why.':
    'Lo que almacenó el bus de eventos: los elementos aceptados, y los rechazados con su motivo.',
  'public: every API consumer may read it; private: only consumers granted the organization.':
    'public: todo consumidor de la API puede leerla; private: solo los consumidores con permiso sobre la organización.',
  'What the OrganizationRegistered event carries.': 'Lo que lleva el evento OrganizationRegistered.',
  'The event type (the CloudEvents `type`).': 'El tipo de evento (el `type` de CloudEvents).',
  'Client-chosen event id: re-sending it makes a retry a duplicate that projections ignore. Default: generated.':
    'Id de evento elegido por el cliente: reenviarlo convierte un reintento en un duplicado que las proyecciones ignoran. Por omisión: generado.',
  'When it happened. Default: when the ingestor received it.':
    'Cuándo ocurrió. Por omisión: cuando lo recibió el ingestor.',
  'A OrganizationRegistered catalog event.': 'Un evento de catálogo OrganizationRegistered.',
  'What the OrganizationRenamed event carries.': 'Lo que lleva el evento OrganizationRenamed.',
  'A OrganizationRenamed catalog event.': 'Un evento de catálogo OrganizationRenamed.',
  'What the OrganizationVisibilityChanged event carries.': 'Lo que lleva el evento OrganizationVisibilityChanged.',
  'A OrganizationVisibilityChanged catalog event.': 'Un evento de catálogo OrganizationVisibilityChanged.',
  'IANA time zone, e.g. America/Santiago.': 'Zona horaria IANA, p. ej. America/Santiago.',
  'Postal address.': 'Dirección postal.',
  'What the InstallationRegistered event carries.': 'Lo que lleva el evento InstallationRegistered.',
  'A InstallationRegistered catalog event.': 'Un evento de catálogo InstallationRegistered.',
  'What the InstallationUpdated event carries.': 'Lo que lleva el evento InstallationUpdated.',
  'A InstallationUpdated catalog event.': 'Un evento de catálogo InstallationUpdated.',
  'What the InstallationRemoved event carries.': 'Lo que lleva el evento InstallationRemoved.',
  'A InstallationRemoved catalog event.': 'Un evento de catálogo InstallationRemoved.',
  'Unit identifier (a part of an installation: a floor, an apartment, a meter room).':
    'Identificador de la unidad (una parte de una instalación: un piso, un departamento, una sala de medidores).',
  'What the UnitAdded event carries.': 'Lo que lleva el evento UnitAdded.',
  'A UnitAdded catalog event.': 'Un evento de catálogo UnitAdded.',
  'What the UnitRenamed event carries.': 'Lo que lleva el evento UnitRenamed.',
  'A UnitRenamed catalog event.': 'Un evento de catálogo UnitRenamed.',
  'What the UnitRemoved event carries.': 'Lo que lleva el evento UnitRemoved.',
  'A UnitRemoved catalog event.': 'Un evento de catálogo UnitRemoved.',
  'Unit symbol, e.g. kWh, kW, V, m3.': 'Símbolo de la unidad de medida, p. ej. kWh, kW, V, m3.',
  'cumulative: a register that only grows (energy, volume) and may reset to zero; instantaneous: a level (power, voltage).':
    'cumulative: un registro que solo crece (energía, volumen) y puede reiniciarse a cero; instantaneous: un nivel (potencia, tensión).',
  'Decimals of the register (3 for a kWh register with watt-hour resolution). Aggregates are answered rounded to them, without binary noise; 6 when not declared.':
    'Decimales del registro (3 para un registro en kWh con resolución de watt-hora). Los agregados se responden redondeados a ellos, sin ruido binario; 6 cuando no están declarados.',
  'Seconds between two readings of this register (900 for a 15-minute load profile). Buckets answer how many readings it implies (expected) and their coverage; unknown when not declared.':
    'Segundos entre dos lecturas de este registro (900 para un perfil de carga de 15 minutos). Los intervalos responden cuántas lecturas implica (expected) y su cobertura; desconocido cuando no está declarado.',
  'What the DeviceRegistered event carries.': 'Lo que lleva el evento DeviceRegistered.',
  'A DeviceRegistered catalog event.': 'Un evento de catálogo DeviceRegistered.',
  'Replaces the registers it reports.': 'Reemplaza los registros que informa.',
  'What the DeviceUpdated event carries.': 'Lo que lleva el evento DeviceUpdated.',
  'A DeviceUpdated catalog event.': 'Un evento de catálogo DeviceUpdated.',
  'What the DeviceMoved event carries.': 'Lo que lleva el evento DeviceMoved.',
  'A DeviceMoved catalog event.': 'Un evento de catálogo DeviceMoved.',
  'What the DeviceRemoved event carries.': 'Lo que lleva el evento DeviceRemoved.',
  'A DeviceRemoved catalog event.': 'Un evento de catálogo DeviceRemoved.',
  'What the DeviceStatusChanged event carries.': 'Lo que lleva el evento DeviceStatusChanged.',
  'A DeviceStatusChanged catalog event.': 'Un evento de catálogo DeviceStatusChanged.',
  'One catalog event, by its type.': 'Un evento de catálogo, según su tipo.',
  'The events, applied in this order.': 'Los eventos, aplicados en este orden.',
  'A batch of catalog events.': 'Un lote de eventos de catálogo.',
  'Event type: MeasurementsRecorded, or a catalog event type such as DeviceRegistered.':
    'Tipo de evento: MeasurementsRecorded, o un tipo de evento de catálogo como DeviceRegistered.',
  'The event data: the schema of its type (see the application/json body).':
    'Los datos del evento: el esquema de su tipo (vea el cuerpo application/json).',
  'A CloudEvent with JSON data; extension attributes are allowed and ignored.':
    'Un CloudEvent con datos JSON; se admiten atributos de extensión, que se ignoran.',
  'API consumer identifier.': 'Identificador del consumidor de la API.',
  'Who the consumer is, as admins read it. No control characters, line separators or bidirectional overrides.':
    'Quién es el consumidor, tal como lo leen los administradores. Sin caracteres de control, separadores de línea ni marcas de control bidireccional.',
  'Contact address of the consumer.': 'Dirección de contacto del consumidor.',
  "The identity provider's `sub`; one consumer per subject. No control characters, line separators or bidirectional overrides.":
    'El `sub` del proveedor de identidad; un consumidor por sujeto. Sin caracteres de control, separadores de línea ni marcas de control bidireccional.',
  'Private organizations whose data the consumer may read; public ones need no grant.':
    'Organizaciones privadas cuyos datos puede leer el consumidor; las públicas no necesitan permiso.',
  'When access ends; absent: it does not expire.': 'Cuándo termina el acceso; ausente: no vence.',
  'Creates an API consumer.': 'Crea un consumidor de la API.',
  'Id of the event published; the change is visible once the projector applied it.':
    'Id del evento publicado; el cambio se ve una vez que el proyector lo aplicó.',
  'The command was stored as an event.': 'El comando se almacenó como evento.',
  'Replaces the grants of a consumer.': 'Reemplaza los permisos de un consumidor.',
  'Why access ends. No control characters, line separators or bidirectional overrides.':
    'Por qué termina el acceso. Sin caracteres de control, separadores de línea ni marcas de control bidireccional.',
  'Ends the access of a consumer.': 'Pone fin al acceso de un consumidor.',
  'Gives a disabled consumer access again.': 'Devuelve el acceso a un consumidor deshabilitado.',
  'Who the consumer is.': 'Quién es el consumidor.',
  'Contact address.': 'Dirección de contacto.',
  "The identity provider's `sub` that signs in as this consumer.":
    'El `sub` del proveedor de identidad que inicia sesión como este consumidor.',
  'Private organizations the consumer may read.': 'Organizaciones privadas que el consumidor puede leer.',
  'When access ends; null: never.': 'Cuándo termina el acceso; null: nunca.',
  'True once disabled: its tokens are refused.': 'True una vez deshabilitado: sus tokens se rechazan.',
  'When it was disabled; null when enabled.': 'Cuándo se deshabilitó; null cuando está habilitado.',
  'An API consumer as the read model holds it.': 'Un consumidor de la API tal como lo guarda el modelo de lectura.',
  'Pass as `after` for the next page; null at the end.':
    'Envíelo como `after` para la página siguiente; null al final.',
  'One page of API consumers.': 'Una página de consumidores de la API.',
  'Id of the access event.': 'Id del evento de acceso.',
  'The API consumer that read.': 'El consumidor de la API que leyó.',
  'The OAuth client of its token.': 'El cliente OAuth de su token.',
  'HTTP method.': 'Método HTTP.',
  'Route pattern, e.g. /v1/measurements.': 'Patrón de la ruta, p. ej. /v1/measurements.',
  'Path and query string as sent.': 'Ruta y query string tal como se enviaron.',
  'HTTP status answered.': 'Estado HTTP respondido.',
  "The x-request-id of the answer, as in the api's request log.":
    'El x-request-id de la respuesta, como en el registro de solicitudes de la API.',
  'Organizations whose data the answer held.': 'Organizaciones cuyos datos contenía la respuesta.',
  'Installations whose data the answer held.': 'Instalaciones cuyos datos contenía la respuesta.',
  'The unit read, or null.': 'La unidad leída, o null.',
  'Meters whose data the answer held.': 'Medidores cuyos datos contenía la respuesta.',
  'Measurements window start, or null.': 'Inicio de la ventana de mediciones, o null.',
  'Measurements window end, or null.': 'Fin de la ventana de mediciones, o null.',
  'Points or items answered; 0 for an error.': 'Puntos o elementos respondidos; 0 para un error.',
  'When the answer was sent.': 'Cuándo se envió la respuesta.',
  'One answered read of an API consumer.': 'Una lectura respondida a un consumidor de la API.',
  'This page, newest first.': 'Esta página, la más reciente primero.',
  'Pass as `after` for the next (older) page; null at the end.':
    'Envíelo como `after` para la página siguiente (más antigua); null al final.',
  'One page of access records.': 'Una página de registros de acceso.',
  'Ingest meter readings': 'Ingerir lecturas de medidores',
  'Accepts a batch of meter readings and answers 202 once the event bus stored them.\nSend JSON `{"readings": [...]}` or NDJSON (`application/x-ndjson`, one reading object per line).\nEach reading is checked on its own: invalid ones are listed in `rejected` (index, code, message) and the\nvalid ones are accepted. A reading needs a finite `value` and a `ts` with offset inside the storable range\n[1970-01-02T00:00:00.000Z, 2106-01-01T00:00:00.000Z) and at most 5 minutes ahead of the server clock; `ts` is stored in UTC at millisecond precision.\nLimits: the body size (MEDIDO_INGEST_MAX_BODY_BYTES, 16 MiB by default) and 100000 readings per request (413).\nA reading re-sent with the same device, variable and ts is stored once, so retrying after 503 is safe.\n\nCloudEvents (HTTP protocol binding 1.0.2): `application/cloudevents+json` (one event), `application/cloudevents-batch+json` (an array)\nor binary mode (`ce-*` headers, the data as `application/json` body), each a `MeasurementsRecorded` event whose\ndata is `{"deviceId", "readings": [{variable, ts, value, quality?}]}`; `index` counts readings across the events.\n\nBodies may be compressed (`Content-Encoding: gzip`, `deflate` or `br`; other codings 415): the limit counts the\ndecompressed bytes. A JSON object with the same member twice is refused (400 REQUEST_BODY_DUPLICATE_MEMBER; in NDJSON\nthe line, READING_DUPLICATE_MEMBER), so is the member name `__proto__` (REQUEST_BODY_FORBIDDEN_MEMBER, READING_FORBIDDEN_MEMBER).\nA reading\'s |value| is at most 10^15 (READING_VALUE_OUT_OF_RANGE), so no sum or average can overflow.':
    'Acepta un lote de lecturas de medidores y responde 202 una vez que el bus de eventos las almacenó.\nEnvíe JSON `{"readings": [...]}` o NDJSON (`application/x-ndjson`, un objeto de lectura por línea).\nCada lectura se revisa por separado: las no válidas se listan en `rejected` (index, code, message) y las\nválidas se aceptan. Una lectura necesita un `value` finito y un `ts` con desfase horario dentro del rango almacenable\n[1970-01-02T00:00:00.000Z, 2106-01-01T00:00:00.000Z) y a lo más 5 minutos por delante del reloj del servidor; `ts` se almacena en UTC con precisión de milisegundos.\nLímites: el tamaño del cuerpo (MEDIDO_INGEST_MAX_BODY_BYTES, 16 MiB por omisión) y 100000 lecturas por solicitud (413).\nUna lectura reenviada con el mismo dispositivo, variable y ts se almacena una sola vez, así que reintentar tras un 503 es seguro.\n\nCloudEvents (HTTP protocol binding 1.0.2): `application/cloudevents+json` (un evento), `application/cloudevents-batch+json` (un arreglo)\no modo binario (encabezados `ce-*`, los datos como cuerpo `application/json`), cada uno un evento `MeasurementsRecorded` cuyos\ndatos son `{"deviceId", "readings": [{variable, ts, value, quality?}]}`; `index` cuenta las lecturas a través de los eventos.\n\nLos cuerpos pueden venir comprimidos (`Content-Encoding: gzip`, `deflate` o `br`; otras codificaciones, 415): el límite cuenta los\nbytes descomprimidos. Se rechaza un objeto JSON con el mismo miembro dos veces (400 REQUEST_BODY_DUPLICATE_MEMBER; en NDJSON\nla línea, READING_DUPLICATE_MEMBER), y también el nombre de miembro `__proto__` (REQUEST_BODY_FORBIDDEN_MEMBER, READING_FORBIDDEN_MEMBER).\nEl |value| de una lectura es a lo más 10^15 (READING_VALUE_OUT_OF_RANGE), así que ninguna suma ni promedio puede desbordarse.',
  'Problem (RFC 9457). code: REQUEST_INVALID, REQUEST_BODY_MALFORMED, INGEST_BATCH_EMPTY, REQUEST_BODY_ENCODING_INVALID, REQUEST_BODY_DUPLICATE_MEMBER, REQUEST_BODY_FORBIDDEN_MEMBER':
    'Problema (RFC 9457). code: REQUEST_INVALID, REQUEST_BODY_MALFORMED, INGEST_BATCH_EMPTY, REQUEST_BODY_ENCODING_INVALID, REQUEST_BODY_DUPLICATE_MEMBER, REQUEST_BODY_FORBIDDEN_MEMBER',
  'Problem (RFC 9457). code: AUTH_TOKEN_MISSING, AUTH_CREDENTIAL_INVALID':
    'Problema (RFC 9457). code: AUTH_TOKEN_MISSING, AUTH_CREDENTIAL_INVALID',
  'Problem (RFC 9457). code: AUTH_FORBIDDEN': 'Problema (RFC 9457). code: AUTH_FORBIDDEN',
  'Problem (RFC 9457). code: REQUEST_BODY_TOO_LARGE, INGEST_BATCH_TOO_LARGE':
    'Problema (RFC 9457). code: REQUEST_BODY_TOO_LARGE, INGEST_BATCH_TOO_LARGE',
  'Problem (RFC 9457). code: MEDIA_TYPE_UNSUPPORTED, CONTENT_ENCODING_UNSUPPORTED':
    'Problema (RFC 9457). code: MEDIA_TYPE_UNSUPPORTED, CONTENT_ENCODING_UNSUPPORTED',
  'Problem (RFC 9457). code: EVENT_BUS_UNAVAILABLE': 'Problema (RFC 9457). code: EVENT_BUS_UNAVAILABLE',
  'Ingest catalog events': 'Ingerir eventos de catálogo',
  "Accepts catalog events (organizations, installations and their units, devices) and answers 202\nonce the event bus stored them. Each event is checked on its own; invalid ones are listed in `rejected`.\nThe ingestor completes the CloudEvents envelope: `id` (send your own UUID to make retries idempotent),\n`time` (default: now), `sequence` (the event's index in the request), `source` and `subject`.\nAt most 10000 events per request.\n\nCloudEvents (HTTP protocol binding 1.0.2): `application/cloudevents+json` (one event), `application/cloudevents-batch+json` (an array)\nor binary mode (`ce-*` headers, the data as `application/json` body). The event's `type`, `data`, `id` (a UUID)\nand `time` are kept; an event with invalid context attributes is rejected on its own (EVENT_INVALID).\nBodies may be compressed (gzip, deflate, br; the limit counts decompressed bytes); duplicate members and `__proto__` are refused.":
    'Acepta eventos de catálogo (organizaciones, instalaciones y sus unidades, dispositivos) y responde 202\nuna vez que el bus de eventos los almacenó. Cada evento se revisa por separado; los no válidos se listan en `rejected`.\nEl ingestor completa el sobre CloudEvents: `id` (envíe su propio UUID para que los reintentos sean idempotentes),\n`time` (por omisión: ahora), `sequence` (el índice del evento en la solicitud), `source` y `subject`.\nA lo más 10000 eventos por solicitud.\n\nCloudEvents (HTTP protocol binding 1.0.2): `application/cloudevents+json` (un evento), `application/cloudevents-batch+json` (un arreglo)\no modo binario (encabezados `ce-*`, los datos como cuerpo `application/json`). Se conservan el `type`, `data`, `id` (un UUID)\ny `time` del evento; un evento con atributos de contexto no válidos se rechaza por separado (EVENT_INVALID).\nLos cuerpos pueden venir comprimidos (gzip, deflate, br; el límite cuenta los bytes descomprimidos); se rechazan los miembros duplicados y `__proto__`.',
  'Create an API consumer': 'Crear un consumidor de la API',
  'Publishes ApiConsumerCreated. consumerId is generated when absent. A consumer id and an identity provider subject are taken once: 409 CONSUMER_ALREADY_EXISTS or CONSUMER_SUBJECT_TAKEN otherwise. The very same command again is answered like the first time (same consumerId and eventId, nothing changes): safe to retry. Answers 202 once the event is stored; the change shows in the read model when the projector applied it.':
    'Publica ApiConsumerCreated. consumerId se genera cuando falta. Un id de consumidor y un sujeto del proveedor de identidad se toman una sola vez: si no, 409 CONSUMER_ALREADY_EXISTS o CONSUMER_SUBJECT_TAKEN. El mismo comando repetido se responde como la primera vez (mismos consumerId y eventId, no cambia nada): se puede reintentar sin riesgo. Responde 202 una vez que el evento se almacenó; el cambio se ve en el modelo de lectura cuando el proyector lo aplicó.',
  'Problem (RFC 9457). code: REQUEST_INVALID, REQUEST_BODY_MALFORMED':
    'Problema (RFC 9457). code: REQUEST_INVALID, REQUEST_BODY_MALFORMED',
  'Problem (RFC 9457). code: CONSUMER_ALREADY_EXISTS, CONSUMER_SUBJECT_TAKEN':
    'Problema (RFC 9457). code: CONSUMER_ALREADY_EXISTS, CONSUMER_SUBJECT_TAKEN',
  'List API consumers': 'Listar los consumidores de la API',
  'Page size, default 100.': 'Tamaño de página, 100 por omisión.',
  "Replace an API consumer's grants": 'Reemplazar los permisos de un consumidor de la API',
  'Publishes ApiConsumerGrantChanged with the complete new list of organization ids. Answers 202 once the event is stored; the change shows in the read model when the projector applied it.':
    'Publica ApiConsumerGrantChanged con la nueva lista completa de ids de organización. Responde 202 una vez que el evento se almacenó; el cambio se ve en el modelo de lectura cuando el proyector lo aplicó.',
  'Problem (RFC 9457). code: CONSUMER_NOT_FOUND': 'Problema (RFC 9457). code: CONSUMER_NOT_FOUND',
  'Disable an API consumer': 'Deshabilitar un consumidor de la API',
  'Publishes ApiConsumerDisabled; its refresh tokens are revoked and it can no longer log in. Answers 202 once the event is stored; the change shows in the read model when the projector applied it.':
    'Publica ApiConsumerDisabled; sus tokens de refresco se revocan y ya no puede iniciar sesión. Responde 202 una vez que el evento se almacenó; el cambio se ve en el modelo de lectura cuando el proyector lo aplicó.',
  'Enable an API consumer again': 'Volver a habilitar un consumidor de la API',
  "Publishes ApiConsumerEnabled: the consumer may log in again (tokens revoked by the disable stay revoked). The newest of a consumer's disable and enable decides. Answers 202 once the event is stored; the change shows in the read model when the projector applied it.":
    'Publica ApiConsumerEnabled: el consumidor puede volver a iniciar sesión (los tokens revocados al deshabilitarlo siguen revocados). Decide el más reciente entre el deshabilitar y el habilitar de un consumidor. Responde 202 una vez que el evento se almacenó; el cambio se ve en el modelo de lectura cuando el proyector lo aplicó.',
  'One API consumer': 'Un consumidor de la API',
  'List access records (who read what)': 'Listar los registros de acceso (quién leyó qué)',
  "One record per answered read of an API consumer, newest first. Filter by `consumerId`, `organizationId` (records whose answer held that organization's data), or both. Records appear once the projector has applied them (usually within a second).":
    'Un registro por cada lectura respondida a un consumidor de la API, la más reciente primero. Filtre por `consumerId`, `organizationId` (registros cuya respuesta contenía datos de esa organización), o ambos. Los registros aparecen una vez que el proyector los aplicó (normalmente en menos de un segundo).',
  'The `next` of the previous page.': 'El `next` de la página anterior.',
  'Meter pipelines (ingest credential)': 'Pipelines de medidores (credencial de ingesta)',
  'Administrators (admin credential)': 'Administradores (credencial de administración)',
  "The installations the caller may read (of public organizations and of granted private ones), each with its units. With `organizationId`, only that organization's; an organization the caller may not read answers 404, as one that does not exist. `name` narrows the list; a cursor continues only the list of the same filters.":
    'Las instalaciones que quien llama puede leer (de organizaciones públicas y de privadas con permiso), cada una con sus unidades. Con `organizationId`, solo las de esa organización; una organización que quien llama no puede leer responde 404, como una que no existe. `name` acota la lista; un cursor continúa solo la lista con los mismos filtros.',
  'Only those whose name contains this text, ignoring case (Unicode lower case), matched literally (no wildcards).':
    'Solo aquellas cuyo nombre contiene este texto, sin distinguir mayúsculas de minúsculas (minúsculas Unicode), comparado literalmente (sin comodines).',
  'Problem (RFC 9457). code: REQUEST_INVALID, CATALOG_FILTER_INVALID, CURSOR_INVALID':
    'Problema (RFC 9457). code: REQUEST_INVALID, CATALOG_FILTER_INVALID, CURSOR_INVALID',
  'Meters with their status, last reading time and variables (name, unit, kind). Give at most one of `installationId`, `unitId` and `organizationId`; none lists the meters of every organization the caller may read (e.g. `?status=offline`: every offline meter). A scope the caller may not read answers 404, as one that does not exist. `status`, `variable` and `name` narrow the list (all given must hold); a cursor continues only the list of the same scope and filters.':
    'Medidores con su estado, hora de la última lectura y variables (nombre, unidad de medida, tipo). Indique a lo sumo uno de `installationId`, `unitId` y `organizationId`; sin ninguno, lista los medidores de todas las organizaciones que quien llama puede leer (p. ej. `?status=offline`: todos los medidores fuera de línea). Un ámbito que quien llama no puede leer responde 404, como uno que no existe. `status`, `variable` y `name` acotan la lista (deben cumplirse todos los indicados); un cursor continúa solo la lista con el mismo ámbito y los mismos filtros.',
  'List meters: of an installation, a unit, an organization or every one the caller may read':
    'Listar medidores: de una instalación, una unidad, una organización o todos los que quien llama puede leer',
  'The meters of every installation of the organization.':
    'Los medidores de todas las instalaciones de la organización.',
  'Problem (RFC 9457). code: INSTALLATION_NOT_FOUND, UNIT_NOT_FOUND, ORGANIZATION_NOT_FOUND':
    'Problema (RFC 9457). code: INSTALLATION_NOT_FOUND, UNIT_NOT_FOUND, ORGANIZATION_NOT_FOUND',
  'Only meters with this operational status (active, inactive, offline, maintenance, decommissioned); a meter whose status was never stated is active.':
    'Solo los medidores con este estado operativo (active, inactive, offline, maintenance, decommissioned); un medidor cuyo estado nunca se informó está active.',
  'Only meters that report this register (a variable name, as listed in `variables`).':
    'Solo los medidores que informan este registro (un nombre de variable, tal como aparece en `variables`).',
  // GET /v1/latest
  'The meter.': 'El medidor.',
  "The meter's installation.": 'La instalación del medidor.',
  "The meter's unit; null for a meter of the installation as a whole.":
    'La unidad del medidor; null para un medidor de la instalación en su conjunto.',
  'The variable (register) of the series.': 'La variable (registro) de la serie.',
  'Unit of measure of the value.': 'Unidad de medida del valor.',
  'Time of the newest reading of the series (UTC, RFC 3339); null when the series has no reading.':
    'Hora de la lectura más reciente de la serie (UTC, RFC 3339); null cuando la serie no tiene lecturas.',
  "Its value, rounded to the variable's declared decimals (6 when not declared), as measurements answers are; null when no reading.":
    'Su valor, redondeado a los decimales declarados de la variable (6 si no se declaran), como en las respuestas de mediciones; null si no hay lectura.',
  'Its quality as the meter or head-end reported it; null when no reading.':
    'Su calidad, tal como la informó el medidor o el sistema de lectura; null si no hay lectura.',
  'When the platform received that reading (UTC, RFC 3339); null when no reading.':
    'Cuándo recibió la plataforma esa lectura (UTC, RFC 3339); null si no hay lectura.',
  "The newest reading of one series (a meter's variable).":
    'La lectura más reciente de una serie (una variable de un medidor).',
  'Every series of the selected meters (each declared variable, or those asked), in deviceId then variable order, including those without readings.':
    'Todas las series de los medidores seleccionados (cada variable declarada, o las pedidas), en orden de deviceId y luego de variable, incluidas las que no tienen lecturas.',
  'The newest reading of every selected series.': 'La lectura más reciente de cada serie seleccionada.',
  'Latest value of every series of an installation, a unit or a list of meters':
    'Último valor de cada serie de una instalación, una unidad o una lista de medidores',
  "Per series (a meter's variable) its newest reading: time, value, quality and ingestion time, in one call, from the measurements store's per-series index. Give exactly one of `installationId`, `unitId` and `deviceIds`; anything the caller may not read answers 404, as what does not exist. Not paged: one item per series of the selected meters. JSON or CSV (Accept: text/csv; the same columns).":
    'Por serie (una variable de un medidor), su lectura más reciente: hora, valor, calidad y hora de ingesta, en una sola llamada, desde el índice por serie del almacén de mediciones. Indique exactamente uno de `installationId`, `unitId` y `deviceIds`; todo lo que quien llama no puede leer responde 404, como lo que no existe. Sin páginas: un elemento por serie de los medidores seleccionados. JSON o CSV (Accept: text/csv; las mismas columnas).',
  'Every meter of this installation (exactly one of installationId, unitId and deviceIds).':
    'Todos los medidores de esta instalación (exactamente uno de installationId, unitId y deviceIds).',
  'Every meter of this unit (exactly one of installationId, unitId and deviceIds).':
    'Todos los medidores de esta unidad (exactamente uno de installationId, unitId y deviceIds).',
  'These meters, of any installations the caller may read (at most 1000; exactly one of installationId, unitId and deviceIds). Comma-separated, repeated, or both.':
    'Estos medidores, de cualesquiera instalaciones que quien llama pueda leer (a lo sumo 1000; exactamente uno de installationId, unitId y deviceIds). Separados por comas, repetidos, o ambos.',
  'Problem (RFC 9457). code: REQUEST_INVALID, MEASUREMENTS_SCOPE_REQUIRED, MEASUREMENTS_PARAMETER_INVALID, MEASUREMENTS_VARIABLE_UNKNOWN':
    'Problema (RFC 9457). code: REQUEST_INVALID, MEASUREMENTS_SCOPE_REQUIRED, MEASUREMENTS_PARAMETER_INVALID, MEASUREMENTS_VARIABLE_UNKNOWN',
  'Problem (RFC 9457). code: ACCESS_LOG_UNAVAILABLE, DEPENDENCY_UNAVAILABLE':
    'Problema (RFC 9457). code: ACCESS_LOG_UNAVAILABLE, DEPENDENCY_UNAVAILABLE',
  // GET /v1/consumption (consumption statements).
  'Consumption statement of a meter, a unit or an installation for a billing period':
    'Estado de consumo de un medidor, una unidad o una instalación para un período de facturación',
  "A billing-grade statement for a meter, a unit or an installation (exactly one of `deviceId`, `unitId`, `installationId`) over a period in the installation's time zone: a calendar month (`month=YYYY-MM`, by default the current one) or `from`/`to` (dates are that day's local start).\n\nPer register (each cumulative variable of each meter): the **opening** reading (the last at or before the start, else the first inside the period), the **closing** reading (the last at or before the end: a reading exactly at the end closes this period and opens the next), every **reset** with the readings on both sides, and the **consumption**: the increases between consecutive readings whose later one is in (start, end], the later value after a reset — the same number as the sum of `delta` of /v1/measurements over [start, end), and closing − opening + each reset's `before` value.\n\nRe-sent readings count once (the latest ingested wins); late readings count as if they had come in order. Coverage compares the increases with those the register's declared reading interval implies; the quality share splits them by the quality of the reading closing each. `period.hours` follows clock changes (743/745 h in a 31-day month with a DST change).\n\nTotals add registers of the same variable and unit of measure, per unit and over the whole statement; they are the same on every page. Pages hold at most `limit` registers; continue with `nextCursor`. JSON or CSV (Accept: text/csv: one row per register, the totals on the last page, the next page in `Link`).":
    'Un estado de consumo apto para facturación de un medidor, una unidad o una instalación (exactamente uno de `deviceId`, `unitId`, `installationId`) en un período en la zona horaria de la instalación: un mes calendario (`month=YYYY-MM`, por omisión el actual) o `from`/`to` (las fechas son el inicio local de ese día).\n\nPor registro (cada variable acumulativa de cada medidor): la lectura **inicial** (la última en o antes del inicio; si no hay, la primera dentro del período), la lectura **final** (la última en o antes del fin: una lectura justo en el fin cierra este período y abre el siguiente), cada **reinicio** con las lecturas a ambos lados, y el **consumo**: los incrementos entre lecturas consecutivas cuya lectura posterior está en (inicio, fin], el valor posterior tras un reinicio — el mismo número que la suma de `delta` de /v1/measurements en [inicio, fin), y final − inicial + el valor `before` de cada reinicio.\n\nLas lecturas reenviadas cuentan una vez (gana la última ingerida); las lecturas tardías cuentan como si hubieran llegado en orden. La cobertura compara los incrementos con los que implica el intervalo de lectura declarado del registro; la proporción por calidad los reparte según la calidad de la lectura que cierra cada uno. `period.hours` sigue los cambios de hora (743/745 h en un mes de 31 días con cambio de horario).\n\nLos totales suman registros de la misma variable y unidad de medida, por unidad y sobre todo el estado; son los mismos en cada página. Las páginas tienen a lo sumo `limit` registros; continúe con `nextCursor`. JSON o CSV (Accept: text/csv: una fila por registro, los totales en la última página, la página siguiente en `Link`).',
  'The statement of this meter (exactly one of deviceId, unitId and installationId).':
    'El estado de este medidor (exactamente uno de deviceId, unitId e installationId).',
  'The statement of every meter of this unit (exactly one of deviceId, unitId and installationId).':
    'El estado de todos los medidores de esta unidad (exactamente uno de deviceId, unitId e installationId).',
  'The statement of every meter of this installation (exactly one of deviceId, unitId and installationId).':
    'El estado de todos los medidores de esta instalación (exactamente uno de deviceId, unitId e installationId).',
  "The billing period as a calendar month in the installation's time zone, YYYY-MM (e.g. 2026-04). Default: the month holding the current instant. Not with from/to.":
    'El período de facturación como mes calendario en la zona horaria de la instalación, YYYY-MM (p. ej. 2026-04). Por omisión: el mes que contiene el instante actual. No junto con from/to.',
  "Start of the period, inclusive: a date (YYYY-MM-DD, that day's start in the installation's zone) or an RFC 3339 date-time with an offset. With to; at most 367 days.":
    'Inicio del período, incluido: una fecha (YYYY-MM-DD, el inicio de ese día en la zona de la instalación) o una fecha-hora RFC 3339 con desfase. Junto con to; a lo sumo 367 días.',
  "End of the period, exclusive: a date (that day's start in the installation's zone) or an RFC 3339 date-time with an offset. With from.":
    'Fin del período, excluido: una fecha (el inicio de ese día en la zona de la instalación) o una fecha-hora RFC 3339 con desfase. Junto con from.',
  'One page of the statement.': 'Una página del estado.',
  'Problem (RFC 9457). code: REQUEST_INVALID, MEASUREMENTS_SCOPE_REQUIRED, MEASUREMENTS_PARAMETER_INVALID, MEASUREMENTS_WINDOW_INVALID, MEASUREMENTS_WINDOW_TOO_LARGE, CURSOR_INVALID':
    'Problema (RFC 9457). code: REQUEST_INVALID, MEASUREMENTS_SCOPE_REQUIRED, MEASUREMENTS_PARAMETER_INVALID, MEASUREMENTS_WINDOW_INVALID, MEASUREMENTS_WINDOW_TOO_LARGE, CURSOR_INVALID',
  'The installation whose time zone defines the period.': 'La instalación cuya zona horaria define el período.',
  "The unit asked for, or the meter's unit; null for an installation or a meter of the installation as a whole.":
    'La unidad pedida, o la unidad del medidor; null para una instalación o un medidor de la instalación completa.',
  'The meter asked for; null for a unit or an installation.':
    'El medidor pedido; null para una unidad o una instalación.',
  "The installation's IANA time zone (America/Santiago when it declares none): period bounds and reading times are written in its offsets.":
    'La zona horaria IANA de la instalación (America/Santiago si no declara ninguna): los límites del período y las horas de las lecturas se escriben con sus desfases.',
  "Start of the period, inclusive, in the zone's offset.": 'Inicio del período, incluido, con el desfase de la zona.',
  "End of the period, exclusive, in the zone's offset.": 'Fin del período, excluido, con el desfase de la zona.',
  'The calendar month (YYYY-MM) when the period is one; null for from/to.':
    'El mes calendario (YYYY-MM) cuando el período es uno; null con from/to.',
  'Length of the period in hours, clock changes included (a 31-day month with a DST change: 743 or 745; in America/Santiago April 2026 has 721 and September 719).':
    'Duración del período en horas, con los cambios de hora (un mes de 31 días con cambio de horario: 743 o 745; en America/Santiago abril de 2026 tiene 721 y septiembre 719).',
  'The billing period [from, to).': 'El período de facturación [from, to).',
  'The register (a cumulative variable of the meter).': 'El registro (una variable acumulativa del medidor).',
  'Unit of measure of the values and the consumption.': 'Unidad de medida de los valores y del consumo.',
  "Time of the reading, in the installation's offset at that instant (RFC 3339).":
    'Hora de la lectura, con el desfase de la instalación en ese instante (RFC 3339).',
  "The register's value, rounded to its declared decimals (6 when not declared).":
    'El valor del registro, redondeado a sus decimales declarados (6 si no se declaran).',
  'Its quality as the meter or head-end reported it (the latest ingested version of the reading).':
    'Su calidad, tal como la informó el medidor o el sistema de lectura (la última versión ingerida de la lectura).',
  'A register reading.': 'Una lectura de un registro.',
  "The opening reading: the last reading at or before the period's start; when there is none, the first reading inside the period (up to its end). Null when the register has no reading at or before the period's end.":
    'La lectura inicial: la última lectura en o antes del inicio del período; si no hay, la primera lectura dentro del período (hasta su fin). Null cuando el registro no tiene lecturas en o antes del fin del período.',
  "The closing reading: the last reading at or before the period's end (a reading exactly at the end closes this period and opens the next, so consecutive statements chain). Equal to the opening when nothing was read inside the period; null when the register has no reading at or before the end.":
    'La lectura final: la última lectura en o antes del fin del período (una lectura justo en el fin cierra este período y abre el siguiente, así los estados consecutivos se encadenan). Igual a la inicial cuando no se leyó nada dentro del período; null cuando el registro no tiene lecturas en o antes del fin.',
  "The register's value, rounded to its declared decimals.":
    'El valor del registro, redondeado a sus decimales declarados.',
  'A reading on one side of a reset.': 'Una lectura a un lado de un reinicio.',
  'A reset: two consecutive readings, the later one lower (the meter rolled over or was replaced); `before` is the last reading before it, `after` the first after it. The increase it closes is `after.value` (counted from zero).':
    'Un reinicio: dos lecturas consecutivas, la posterior menor (el medidor dio la vuelta o fue reemplazado); `before` es la última lectura antes de él, `after` la primera después. El incremento que cierra es `after.value` (contado desde cero).',
  'Every reset inside the period (its later reading in (start, end]), in time order.':
    'Cada reinicio dentro del período (su lectura posterior en (inicio, fin]), en orden temporal.',
  "The period's consumption: the sum of the increases between consecutive readings whose later reading is in (start, end] — the later value minus the earlier, or the later value after a reset. Equal to the sum of `delta` of /v1/measurements over [start, end), and to closing − opening + the `before` value of each reset. 0 when nothing was read inside the period. Rounded to the register's decimals.":
    'El consumo del período: la suma de los incrementos entre lecturas consecutivas cuya lectura posterior está en (inicio, fin] — el valor posterior menos el anterior, o el valor posterior tras un reinicio. Igual a la suma de `delta` de /v1/measurements en [inicio, fin), y a final − inicial + el valor `before` de cada reinicio. 0 cuando no se leyó nada dentro del período. Redondeado a los decimales del registro.',
  'How many increases the consumption adds (readings closing one inside the period), as `count` of a delta point.':
    'Cuántos incrementos suma el consumo (lecturas que cierran uno dentro del período), como `count` de un punto delta.',
  "The increases the register's declared reading interval implies in the period: its instants k·interval (a wall-clock grid) in (start, end]. Null when the register declares no interval.":
    'Los incrementos que implica en el período el intervalo de lectura declarado del registro: sus instantes k·intervalo (una grilla de reloj) en (inicio, fin]. Null cuando el registro no declara intervalo.',
  'increases / expected, at most 1, truncated to 6 decimals (1 only when complete). Null when the register declares no interval. Over a period still in progress it counts what is still to come as missing.':
    'increases / expected, a lo sumo 1, truncado a 6 decimales (1 solo cuando está completo). Null cuando el registro no declara intervalo. En un período en curso cuenta como faltante lo que aún no llega.',
  'Increases closed by an estimated reading.': 'Incrementos cerrados por una lectura estimada.',
  'Increases closed by a substituted reading (the others are measured).':
    'Incrementos cerrados por una lectura sustituida (los demás son medidos).',
  'Share (0–1) of the increases closed by a measured reading.':
    'Proporción (0–1) de los incrementos cerrados por una lectura medida.',
  'Share (0–1) of the increases closed by an estimated reading.':
    'Proporción (0–1) de los incrementos cerrados por una lectura estimada.',
  'Share (0–1) of the increases closed by a substituted reading.':
    'Proporción (0–1) de los incrementos cerrados por una lectura sustituida.',
  "How the period's increases split by the quality of the reading closing each (rounded to 6 decimals).":
    'Cómo se reparten los incrementos del período según la calidad de la lectura que cierra cada uno (redondeado a 6 decimales).',
  'Shares of the increases per quality; null when there is no increase.':
    'Proporciones de los incrementos por calidad; null cuando no hay incrementos.',
  'The statement of one register for the period.': 'El estado de un registro para el período.',
  "This page of registers (each meter's cumulative variables), in deviceId then variable order.":
    'Esta página de registros (las variables acumulativas de cada medidor), en orden de deviceId y luego de variable.',
  'The unit (in `totals.units` only).': 'La unidad (solo en `totals.units`).',
  'The register name the total adds up.': 'El nombre del registro que suma el total.',
  'Unit of measure: registers are added only with the same variable and unit of measure.':
    'Unidad de medida: solo se suman registros con la misma variable y unidad de medida.',
  "Sum of the registers' consumption, rounded once after adding to the most decimals among them.":
    'Suma del consumo de los registros, redondeada una vez tras sumar, a la mayor cantidad de decimales entre ellos.',
  'How many registers it adds (including those without readings).':
    'Cuántos registros suma (incluidos los que no tienen lecturas).',
  'Consumption added over registers of the same variable and unit of measure.':
    'Consumo sumado sobre registros de la misma variable y unidad de medida.',
  'Per unit, variable and unit of measure, in that order; meters without a unit are in no unit total.':
    'Por unidad, variable y unidad de medida, en ese orden; los medidores sin unidad no están en ningún total de unidad.',
  "Per variable and unit of measure over every register of the statement (the meter's, the unit's or the installation's).":
    'Por variable y unidad de medida sobre todos los registros del estado (los del medidor, la unidad o la instalación).',
  'Totals over every register of the statement, whatever the page: the same on every page.':
    'Totales sobre todos los registros del estado, sea cual sea la página: los mismos en cada página.',
  'A consumption statement for a billing period: one page of registers and the totals.':
    'Un estado de consumo para un período de facturación: una página de registros y los totales.',
  // The change feed and stream (libs/read-api changes) and the change events (libs/contracts change-events.ts).
  'Stable event id: the same change always has the same id (the webhook-id; deduplicate on it).':
    'Id estable del evento: el mismo cambio tiene siempre el mismo id (el webhook-id; deduplique por él).',
  'Position in the change feed; pass it as `after` (or Last-Event-ID) to resume after this event.':
    'Posición en el feed de cambios; páselo como `after` (o Last-Event-ID) para seguir después de este evento.',
  'measurements.available, bucket.changed or day.closed.': 'measurements.available, bucket.changed o day.closed.',
  'When the notifier derived the change.': 'Cuándo el notificador derivó el cambio.',
  'Variables with new readings.': 'Variables con lecturas nuevas.',
  'Earliest new reading (inclusive).': 'La lectura nueva más antigua (inclusive).',
  'Just after the latest new reading (exclusive).': 'Justo después de la lectura nueva más reciente (exclusivo).',
  'Readings in this notification.': 'Lecturas de esta notificación.',
  'New readings of one meter are readable.': 'Hay lecturas nuevas de un medidor para leer.',
  'Variables whose buckets changed.': 'Variables cuyos intervalos cambiaron.',
  'Start of the changed window (inclusive), a bucket boundary.':
    'Inicio de la ventana cambiada (inclusive), un límite de intervalo.',
  'End of the changed window (exclusive), a bucket boundary.':
    'Fin de la ventana cambiada (exclusivo), un límite de intervalo.',
  '`late`: readings older than ones already delivered arrived; `resent`: readings of an instant already stored arrived again (a correction).':
    '`late`: llegaron lecturas más antiguas que otras ya entregadas; `resent`: llegaron otra vez lecturas de un instante ya almacenado (una corrección).',
  'Already delivered buckets changed.': 'Cambiaron intervalos ya entregados.',
  'The local calendar day, YYYY-MM-DD.': 'El día calendario local, AAAA-MM-DD.',
  'Start of the local day (inclusive).': 'Inicio del día local (inclusive).',
  'End of the local day (exclusive); 23 or 25 hours after `from` on DST days.':
    'Fin del día local (exclusivo); 23 o 25 horas después de `from` en días de cambio de hora.',
  "The installation's meters, all of which have readings through `to`.":
    'Los medidores de la instalación, todos con lecturas hasta `to`.',
  'A local day of an installation is complete.': 'Un día local de una instalación está completo.',
  'The change; its shape follows `type`.': 'El cambio; su forma depende de `type`.',
  'A change to measurements a consumer may read.': 'Un cambio en mediciones que un consumidor puede leer.',
  'Changes after `after`, oldest first, that the caller may read and the filters select.':
    'Los cambios posteriores a `after`, del más antiguo al más nuevo, que quien llama puede leer y que los filtros eligen.',
  'Pass as `after` to continue (also when `items` is empty: poll again with it); null only while the feed is empty.':
    'Páselo como `after` para continuar (también cuando `items` está vacío: vuelva a consultar con él); null solo mientras el feed está vacío.',
  'A page of the change feed.': 'Una página del feed de cambios.',
  'Change feed: new readings, changed buckets and closed days, after a cursor':
    'Feed de cambios: lecturas nuevas, intervalos cambiados y días cerrados, después de un cursor',
  'The changes the notifier derived from the measurements topic, oldest first, each with the exact meter (or installation) and window [from, to) to re-query. Only what the caller may read: public organizations and its grants; a scope it may not read selects nothing. Keep `next` and pass it as `after` to get only what is new; an id seen twice is the same change (deduplicate on `id`).':
    'Los cambios que el notificador derivó del tópico de mediciones, del más antiguo al más nuevo, cada uno con el medidor (o la instalación) y la ventana [from, to) exactos que hay que volver a consultar. Solo lo que quien llama puede leer: las organizaciones públicas y sus permisos; un ámbito que no puede leer no elige nada. Guarde `next` y páselo como `after` para recibir solo lo nuevo; un id visto dos veces es el mismo cambio (deduplique por `id`).',
  'A cursor (`cursor` of an item, or `next`): only changes after it. Absent: from the oldest change kept.':
    'Un cursor (el `cursor` de un elemento, o `next`): solo los cambios posteriores. Ausente: desde el cambio más antiguo guardado.',
  'At most this many items (1–1000; default 100).': 'A lo más esta cantidad de elementos (1–1000; 100 por omisión).',
  'Only changes of this installation.': 'Solo los cambios de esta instalación.',
  'Only changes of this unit.': 'Solo los cambios de esta unidad.',
  'Only changes naming this meter (a day.closed names every meter of its installation).':
    'Solo los cambios que nombran este medidor (un day.closed nombra todos los medidores de su instalación).',
  'Only these types: measurements.available, bucket.changed, day.closed; comma-separated.':
    'Solo estos tipos: measurements.available, bucket.changed, day.closed; separados por comas.',
  'A page of changes.': 'Una página de cambios.',
  'The change feed as Server-Sent Events': 'El feed de cambios como Server-Sent Events',
  "The same changes as GET /v1/changes, pushed as they are derived: each event has `id` = the change's cursor, `event` = its type and `data` = the change as JSON. Reconnect with `Last-Event-ID` (EventSource does it) or `after` to resume without a gap; without either the stream starts from now. A comment line is sent as heartbeat while idle.":
    'Los mismos cambios que GET /v1/changes, enviados a medida que se derivan: cada evento tiene `id` = el cursor del cambio, `event` = su tipo y `data` = el cambio en JSON. Reconecte con `Last-Event-ID` (EventSource lo hace) o `after` para seguir sin huecos; sin ninguno, el flujo empieza desde ahora. Mientras no hay cambios se envía una línea de comentario como latido.',
  'Start after this cursor (the `Last-Event-ID` header wins when both are given). Absent: only changes from now on.':
    'Empezar después de este cursor (la cabecera `Last-Event-ID` prevalece si vienen ambos). Ausente: solo los cambios desde ahora.',
  'The last `id` received: resume after it.': 'El último `id` recibido: seguir después de él.',
  'An endless text/event-stream of changes.': 'Un text/event-stream de cambios sin fin.',
  'Server-Sent Events: `id`, `event` and `data` lines per change, comments as heartbeats.':
    'Server-Sent Events: líneas `id`, `event` y `data` por cambio, comentarios como latidos.',
  'What changed in measurements the caller may read: a feed to pull, a stream to follow.':
    'Lo que cambió en las mediciones que quien llama puede leer: un feed para consultar, un flujo para seguir.',
  // Webhook subscriptions (libs/read-api subscriptions routes, the webhooks section).
  'The change event type (the same as `data.type`).': 'El tipo del evento de cambio (el mismo que `data.type`).',
  'When the change occurred (`data.occurredAt`).': 'Cuándo ocurrió el cambio (`data.occurredAt`).',
  "A change event, as POSTed to a subscription's webhook URL.":
    'Un evento de cambio, tal como se envía por POST a la URL de webhook de una suscripción.',
  'The meters subscribed to (all in one installation).': 'Los medidores suscritos (todos de una misma instalación).',
  'Only changes about these variables (a `day.closed` names no variable and always passes). Absent: every variable.':
    'Solo los cambios de estas variables (un `day.closed` no nombra variables y siempre pasa). Ausente: todas las variables.',
  'A change event type.': 'Un tipo de evento de cambio.',
  'Only these change event types. Absent: every type.':
    'Solo estos tipos de evento de cambio. Ausente: todos los tipos.',
  'Where change events are POSTed: an https URL (http only for hosts the operator allows). Hosts resolving to loopback, private, link-local or metadata addresses are refused.':
    'Adónde se envían por POST los eventos de cambio: una URL https (http solo para hosts que el operador permite). Se rechazan los hosts que resuelven a direcciones de loopback, privadas, de enlace local o de metadatos.',
  'A webhook subscription: give exactly one of `installationId`, `unitId` and `deviceIds`.':
    'Una suscripción de webhook: indique exactamente uno de `installationId`, `unitId` y `deviceIds`.',
  "The new subscription's identifier.": 'El identificador de la nueva suscripción.',
  'Id of the SubscriptionCreated event published.': 'Id del evento SubscriptionCreated publicado.',
  "The signing secret (Standard Webhooks, `whsec_` + base64): verify every webhook's `webhook-signature` with it. Shown only in this answer: keep it.":
    'El secreto de firma (Standard Webhooks, `whsec_` + base64): verifique con él la `webhook-signature` de cada webhook. Se muestra solo en esta respuesta: guárdelo.',
  'The change-feed cursor the deliveries start after (changes of before the subscription are not sent); null: from the first change.':
    'El cursor del feed de cambios después del cual comienzan los envíos (los cambios anteriores a la suscripción no se envían); null: desde el primer cambio.',
  'The subscription was accepted; it shows in GET /v1/subscriptions once projected (usually within a second).':
    'La suscripción fue aceptada; aparece en GET /v1/subscriptions una vez proyectada (normalmente en menos de un segundo).',
  'active: deliveries go on (retrying with backoff after a failure); failing: the receiver failed too many times in a row and nothing is sent until POST /v1/subscriptions/{id}/resume.':
    'active: los envíos continúan (con reintentos espaciados tras un fallo); failing: el receptor falló demasiadas veces seguidas y no se envía nada hasta POST /v1/subscriptions/{id}/resume.',
  'The change-feed cursor of the last change the receiver acknowledged with a 2xx (or skipped as outside the scope); null before the first.':
    'El cursor del feed de cambios del último cambio que el receptor confirmó con un 2xx (o que se omitió por estar fuera del alcance); null antes del primero.',
  'Failed attempts in a row at the current change (0 after a success or a resume).':
    'Intentos fallidos seguidos en el cambio actual (0 tras un éxito o una reanudación).',
  'Why the last attempt failed (a status and the start of the answer, a timeout, a refused URL); null after a success.':
    'Por qué falló el último intento (un estado y el comienzo de la respuesta, un tiempo agotado, una URL rechazada); null tras un éxito.',
  'When the subscription became failing; null while active.':
    'Cuándo la suscripción pasó a failing; null mientras está activa.',
  'When the last delivery was attempted.': 'Cuándo se intentó el último envío.',
  'When the receiver last acknowledged a webhook.': 'Cuándo el receptor confirmó un webhook por última vez.',
  'Where the deliveries of a subscription stand.': 'En qué punto están los envíos de una suscripción.',
  'Subscription identifier.': 'Identificador de la suscripción.',
  'The installation subscribed to (for a unit or meters, theirs).':
    'La instalación suscrita (para una unidad o medidores, la de ellos).',
  'The unit subscribed to, or null.': 'La unidad suscrita, o null.',
  'A meter identifier.': 'Un identificador de medidor.',
  'The meters subscribed to, or null for the whole installation or unit.':
    'Los medidores suscritos, o null para toda la instalación o unidad.',
  'A variable name.': 'Un nombre de variable.',
  'Only changes about these variables; null for every variable.':
    'Solo los cambios de estas variables; null para todas las variables.',
  'Only these change event types; null for every type.':
    'Solo estos tipos de evento de cambio; null para todos los tipos.',
  'Where the change events are POSTed.': 'Adónde se envían por POST los eventos de cambio.',
  'When the subscription was accepted.': 'Cuándo se aceptó la suscripción.',
  'A webhook subscription of the caller, with where its deliveries stand.':
    'Una suscripción de webhook de quien llama, con el estado de sus envíos.',
  "The caller's subscriptions, in id order.": 'Las suscripciones de quien llama, en orden de id.',
  "A page of the caller's webhook subscriptions.": 'Una página de las suscripciones de webhook de quien llama.',
  'The subscription the command is about.': 'La suscripción a la que se refiere el comando.',
  'Id of the event published.': 'Id del evento publicado.',
  'The command was accepted; it takes effect once projected.':
    'El comando fue aceptado; surte efecto una vez proyectado.',
  'Subscribe a webhook to changes': 'Suscribir un webhook a los cambios',
  'Change events (measurements.available, bucket.changed, day.closed) of an installation, a unit or some meters are POSTed to `webhookUrl`, signed as Standard Webhooks says (see the webhooks section), in order, at least once, from the moment the subscription is accepted. Give exactly one of `installationId`, `unitId` and `deviceIds`; what the caller may not read answers 404, as what does not exist. The URL must be https and its host must resolve to public addresses only (loopback, private, link-local and metadata addresses are refused unless the operator allows them): 400 WEBHOOK_URL_REFUSED. The answer holds the signing secret, shown only there. Answers 202 once the event is stored on the bus (503 EVENT_BUS_UNAVAILABLE with Retry-After otherwise); the change shows in GET once projected, usually within a second.':
    'Los eventos de cambio (measurements.available, bucket.changed, day.closed) de una instalación, una unidad o algunos medidores se envían por POST a `webhookUrl`, firmados como dice Standard Webhooks (vea la sección webhooks), en orden, al menos una vez, desde que se acepta la suscripción. Indique exactamente uno de `installationId`, `unitId` y `deviceIds`; lo que quien llama no puede leer responde 404, igual que lo que no existe. La URL debe ser https y su host debe resolver solo a direcciones públicas (se rechazan las de loopback, privadas, de enlace local y de metadatos salvo que el operador las permita): 400 WEBHOOK_URL_REFUSED. La respuesta trae el secreto de firma, que solo se muestra ahí. Responde 202 una vez que el evento quedó guardado en el bus (503 EVENT_BUS_UNAVAILABLE con Retry-After si no); el cambio aparece en GET una vez proyectado, normalmente en menos de un segundo.',
  'Problem (RFC 9457). code: REQUEST_INVALID, REQUEST_BODY_MALFORMED, SUBSCRIPTION_SCOPE_INVALID, WEBHOOK_URL_REFUSED':
    'Problema (RFC 9457). code: REQUEST_INVALID, REQUEST_BODY_MALFORMED, SUBSCRIPTION_SCOPE_INVALID, WEBHOOK_URL_REFUSED',
  'Problem (RFC 9457). code: SUBSCRIPTION_LIMIT_REACHED': 'Problema (RFC 9457). code: SUBSCRIPTION_LIMIT_REACHED',
  'Problem (RFC 9457). code: REQUEST_BODY_TOO_LARGE': 'Problema (RFC 9457). code: REQUEST_BODY_TOO_LARGE',
  'Problem (RFC 9457). code: MEDIA_TYPE_UNSUPPORTED': 'Problema (RFC 9457). code: MEDIA_TYPE_UNSUPPORTED',
  'Problem (RFC 9457). code: ACCESS_LOG_UNAVAILABLE, EVENT_BUS_UNAVAILABLE':
    'Problema (RFC 9457). code: ACCESS_LOG_UNAVAILABLE, EVENT_BUS_UNAVAILABLE',
  "The caller's webhook subscriptions": 'Las suscripciones de webhook de quien llama',
  'In id order, each with where its deliveries stand.': 'En orden de id, cada una con el estado de sus envíos.',
  'One webhook subscription, with its delivery state': 'Una suscripción de webhook, con el estado de sus envíos',
  "Whether deliveries go on or the subscription is failing (and why), and the last change delivered. Another consumer's subscription answers 404, as one that does not exist.":
    'Si los envíos continúan o la suscripción está en failing (y por qué), y el último cambio entregado. La suscripción de otro consumidor responde 404, igual que una que no existe.',
  'Subscription identifier: as answered by POST /v1/subscriptions.':
    'Identificador de la suscripción: el que respondió POST /v1/subscriptions.',
  'Problem (RFC 9457). code: SUBSCRIPTION_NOT_FOUND': 'Problema (RFC 9457). code: SUBSCRIPTION_NOT_FOUND',
  'Delete a webhook subscription': 'Eliminar una suscripción de webhook',
  'Publishes SubscriptionDeleted: no webhook is sent once it is projected (one already in flight may still arrive). Answers 202 once the event is stored on the bus (503 EVENT_BUS_UNAVAILABLE with Retry-After otherwise); the change shows in GET once projected, usually within a second.':
    'Publica SubscriptionDeleted: una vez proyectado no se envía ningún webhook (uno ya en curso aún puede llegar). Responde 202 una vez que el evento quedó guardado en el bus (503 EVENT_BUS_UNAVAILABLE con Retry-After si no); el cambio aparece en GET una vez proyectado, normalmente en menos de un segundo.',
  'Resume a failing webhook subscription': 'Reanudar una suscripción de webhook en failing',
  'Publishes SubscriptionResumed: a failing subscription becomes active and the change it stopped at is sent again, then the rest in order. Harmless on an active one. Answers 202 once the event is stored on the bus (503 EVENT_BUS_UNAVAILABLE with Retry-After otherwise); the change shows in GET once projected, usually within a second.':
    'Publica SubscriptionResumed: una suscripción en failing vuelve a estar activa y se envía de nuevo el cambio en que se detuvo, luego el resto en orden. Inocuo en una activa. Responde 202 una vez que el evento quedó guardado en el bus (503 EVENT_BUS_UNAVAILABLE con Retry-After si no); el cambio aparece en GET una vez proyectado, normalmente en menos de un segundo.',
  "A change to measurements of a subscription's scope": 'Un cambio en las mediciones del alcance de una suscripción',
  "Sent to the `webhookUrl` of a subscription (POST /v1/subscriptions) for every change event in its scope, in change-feed order, one at a time, at least once: deduplicate on `webhook-id`. Verify `webhook-signature` with the subscription's secret as Standard Webhooks says (HMAC-SHA256 over `webhook-id.webhook-timestamp.body` with the base64-decoded secret after `whsec_`), and refuse timestamps far from now. Answer 2xx within the timeout to acknowledge; any other answer, a redirect or no answer is retried with exponential backoff, and after several failures in a row the subscription is failing until resumed.":
    'Se envía a la `webhookUrl` de una suscripción (POST /v1/subscriptions) por cada evento de cambio de su alcance, en el orden del feed de cambios, de a uno, al menos una vez: deduplique por `webhook-id`. Verifique `webhook-signature` con el secreto de la suscripción como dice Standard Webhooks (HMAC-SHA256 sobre `webhook-id.webhook-timestamp.body` con el secreto decodificado de base64 tras `whsec_`), y rechace marcas de tiempo lejanas al presente. Responda 2xx dentro del plazo para confirmar; cualquier otra respuesta, una redirección o la falta de respuesta se reintenta con espera exponencial, y tras varios fallos seguidos la suscripción queda en failing hasta que se reanude.',
  'The change event id: the same on every retry of one change; deduplicate on it.':
    'El id del evento de cambio: el mismo en cada reintento de un cambio; deduplique por él.',
  'When this attempt was sent, in seconds since the Unix epoch.':
    'Cuándo se envió este intento, en segundos desde la época Unix.',
  "Space-separated signatures, each `v1,` + base64 HMAC-SHA256 of `webhook-id.webhook-timestamp.body` with the subscription's secret.":
    'Firmas separadas por espacios, cada una `v1,` + HMAC-SHA256 en base64 de `webhook-id.webhook-timestamp.body` con el secreto de la suscripción.',
  'The change event.': 'El evento de cambio.',
  'Any 2xx acknowledges the webhook; its body is not read.': 'Cualquier 2xx confirma el webhook; su cuerpo no se lee.',
  'Any other status (or none within the timeout) fails the attempt: it is retried.':
    'Cualquier otro estado (o ninguno dentro del plazo) hace fallar el intento: se reintenta.',
  "Webhooks: change events POSTed to the consumer's URL, signed (Standard Webhooks).":
    'Webhooks: eventos de cambio enviados por POST a la URL del consumidor, firmados (Standard Webhooks).',
};

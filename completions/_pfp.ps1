
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'pfp' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'pfp'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'pfp' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('upload', 'upload', [CompletionResultType]::ParameterValue, 'Validate, normalise and upload a user''s profile picture')
            [CompletionResult]::new('get-url', 'get-url', [CompletionResultType]::ParameterValue, 'Print a presigned URL for a user''s picture (or the default picture)')
            [CompletionResult]::new('set-default', 'set-default', [CompletionResultType]::ParameterValue, 'Validate, normalise and store the default picture for users without one')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check images against the rules without uploading anything')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user''s picture; the user falls back to the default')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Bring back a picture that an upload, import, set-default or remove replaced (kept 7 days)')
            [CompletionResult]::new('bucket', 'bucket', [CompletionResultType]::ParameterValue, 'Manage the bucket')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage users in the user database')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import many pictures from a directory or a CSV manifest')
            [CompletionResult]::new('export-urls', 'export-urls', [CompletionResultType]::ParameterValue, 'Print presigned URLs for many users as CSV or NDJSON')
            [CompletionResult]::new('adopt', 'adopt', [CompletionResultType]::ParameterValue, 'Take over the pictures an app stored in the bucket itself (onboarding)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Reconcile the database and the bucket')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check configuration, server, credentials, bucket and database')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the effective configuration')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page (roff): pfp man > pfp.1, pfp man upload > pfp-upload.1, or write them all with --dir')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pfp;upload' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'The user: an integer id, a UUID, an email or a nickname')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user: an integer id, a UUID, an email or a nickname')
            [CompletionResult]::new('--user-by', '--user-by', [CompletionResultType]::ParameterName, 'Match the selector against one kind only')
            [CompletionResult]::new('--formats', '--formats', [CompletionResultType]::ParameterName, 'Accepted input formats, comma-separated [default: jpeg,png,gif,webp,heic,avif]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest accepted file, e.g. 5MB or 5MiB [default: 5MiB]')
            [CompletionResult]::new('--max-pixels', '--max-pixels', [CompletionResultType]::ParameterName, 'Most pixels (width x height) accepted [default: 40000000]')
            [CompletionResult]::new('--max-width', '--max-width', [CompletionResultType]::ParameterName, 'Widest image accepted, in pixels [default: 10000]')
            [CompletionResult]::new('--max-height', '--max-height', [CompletionResultType]::ParameterName, 'Tallest image accepted, in pixels [default: 10000]')
            [CompletionResult]::new('--max-frames', '--max-frames', [CompletionResultType]::ParameterName, 'Most frames an animated GIF may have [default: 300]')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Side of the stored picture in pixels; never upscaled [default: 512]')
            [CompletionResult]::new('--sizes', '--sizes', [CompletionResultType]::ParameterName, 'Derived sizes made from the same decode, e.g. 512,256,128,64')
            [CompletionResult]::new('--crop', '--crop', [CompletionResultType]::ParameterName, 'Square centre crop, or keep the aspect ratio [default: center]')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Stored format: auto is JPEG for opaque stills, PNG with transparency, GIF when animated')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'How long the printed URL stays valid: 90s, 15m, 1h30m, 7d (at most 7d)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--static', '--static', [CompletionResultType]::ParameterName, 'Store the first frame of an animation only')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; touch nothing')
            [CompletionResult]::new('--keep-previous', '--keep-previous', [CompletionResultType]::ParameterName, 'Keep the replaced picture until it is removed (by default it is kept 7 days, for ''pfp restore'')')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;get-url' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'The user: an integer id, a UUID, an email or a nickname')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user: an integer id, a UUID, an email or a nickname')
            [CompletionResult]::new('--user-by', '--user-by', [CompletionResultType]::ParameterName, 'Match the selector against one kind only')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'How long the URL stays valid: 90s, 15m, 1h30m, 7d (at most 7d)')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'A derived size instead of the main picture')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Check that the object exists before printing its URL')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Sign without asking the server anything: no check that the credentials are right, so a wrong secret key gives URLs that answer 403')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;set-default' {
            [CompletionResult]::new('--generated', '--generated', [CompletionResultType]::ParameterName, 'Instead of one picture: a deterministic avatar per user, drawn from their stable id')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'How long the printed URL stays valid: 90s, 15m, 1h30m, 7d (at most 7d)')
            [CompletionResult]::new('--formats', '--formats', [CompletionResultType]::ParameterName, 'Accepted input formats, comma-separated [default: jpeg,png,gif,webp,heic,avif]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest accepted file, e.g. 5MB or 5MiB [default: 5MiB]')
            [CompletionResult]::new('--max-pixels', '--max-pixels', [CompletionResultType]::ParameterName, 'Most pixels (width x height) accepted [default: 40000000]')
            [CompletionResult]::new('--max-width', '--max-width', [CompletionResultType]::ParameterName, 'Widest image accepted, in pixels [default: 10000]')
            [CompletionResult]::new('--max-height', '--max-height', [CompletionResultType]::ParameterName, 'Tallest image accepted, in pixels [default: 10000]')
            [CompletionResult]::new('--max-frames', '--max-frames', [CompletionResultType]::ParameterName, 'Most frames an animated GIF may have [default: 300]')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Side of the stored picture in pixels; never upscaled [default: 512]')
            [CompletionResult]::new('--sizes', '--sizes', [CompletionResultType]::ParameterName, 'Derived sizes made from the same decode, e.g. 512,256,128,64')
            [CompletionResult]::new('--crop', '--crop', [CompletionResultType]::ParameterName, 'Square centre crop, or keep the aspect ratio [default: center]')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Stored format: auto is JPEG for opaque stills, PNG with transparency, GIF when animated')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Replace an existing default without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Replace an existing default without asking')
            [CompletionResult]::new('--static', '--static', [CompletionResultType]::ParameterName, 'Store the first frame of an animation only')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;validate' {
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Files checked at once [default: 2 x cores]; verdicts still come in the order of the files')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Files checked at once [default: 2 x cores]; verdicts still come in the order of the files')
            [CompletionResult]::new('--formats', '--formats', [CompletionResultType]::ParameterName, 'Accepted input formats, comma-separated [default: jpeg,png,gif,webp,heic,avif]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest accepted file, e.g. 5MB or 5MiB [default: 5MiB]')
            [CompletionResult]::new('--max-pixels', '--max-pixels', [CompletionResultType]::ParameterName, 'Most pixels (width x height) accepted [default: 40000000]')
            [CompletionResult]::new('--max-width', '--max-width', [CompletionResultType]::ParameterName, 'Widest image accepted, in pixels [default: 10000]')
            [CompletionResult]::new('--max-height', '--max-height', [CompletionResultType]::ParameterName, 'Tallest image accepted, in pixels [default: 10000]')
            [CompletionResult]::new('--max-frames', '--max-frames', [CompletionResultType]::ParameterName, 'Most frames an animated GIF may have [default: 300]')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Side of the stored picture in pixels; never upscaled [default: 512]')
            [CompletionResult]::new('--sizes', '--sizes', [CompletionResultType]::ParameterName, 'Derived sizes made from the same decode, e.g. 512,256,128,64')
            [CompletionResult]::new('--crop', '--crop', [CompletionResultType]::ParameterName, 'Square centre crop, or keep the aspect ratio [default: center]')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Stored format: auto is JPEG for opaque stills, PNG with transparency, GIF when animated')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--static', '--static', [CompletionResultType]::ParameterName, 'Store the first frame of an animation only')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;remove' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'The user: an integer id, a UUID, an email or a nickname')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user: an integer id, a UUID, an email or a nickname')
            [CompletionResult]::new('--user-by', '--user-by', [CompletionResultType]::ParameterName, 'Match the selector against one kind only')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--purge', '--purge', [CompletionResultType]::ParameterName, 'Delete the picture at once, and the pictures kept after replacements (a user''s request to erase them, a moderator''s); by default a removed picture is kept 7 days for ''pfp restore''')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;restore' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'The user: an integer id, a UUID, an email or a nickname')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user: an integer id, a UUID, an email or a nickname')
            [CompletionResult]::new('--user-by', '--user-by', [CompletionResultType]::ParameterName, 'Match the selector against one kind only')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Which kept picture (its object key, or for the app''s picture the column''s value, as the line that replaced it named it) [default: the one replaced last]')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Every user whose picture was replaced since WHEN gets back the one it had then (undoing a mistaken import): a time (2026-12-07T10:00:00Z) or how long ago (90m, 2h)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'The default picture instead of a user''s')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --since: say what would be restored, and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'With --since: do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'With --since: do not ask for confirmation')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;bucket' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the bucket if it does not exist and give it a store id; where the database exists, make the bucket its store (safe to re-run)')
            [CompletionResult]::new('claim', 'claim', [CompletionResultType]::ParameterValue, 'Make this bucket the database''s store (after moving the database to a copy of its bucket): refused changes then go ahead here')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pfp;bucket;init' {
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Keep retrying the connection for this long, e.g. 30s, while the server starts')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;bucket;claim' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;bucket;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the bucket if it does not exist and give it a store id; where the database exists, make the bucket its store (safe to re-run)')
            [CompletionResult]::new('claim', 'claim', [CompletionResultType]::ParameterValue, 'Make this bucket the database''s store (after moving the database to a copy of its bucket): refused changes then go ahead here')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pfp;bucket;help;init' {
            break
        }
        'pfp;bucket;help;claim' {
            break
        }
        'pfp;bucket;help;help' {
            break
        }
        'pfp;user' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a user (pfp-owned schema only)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users with their pictures')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one user with their picture')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a user''s email, nickname or display name (pfp-owned schema only)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user and their pictures (pfp-owned schema only)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add many users from a CSV file with the header email,nickname[,name] (pfp-owned schema only)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pfp;user;add' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The user''s email address (unique; a selector for --user)')
            [CompletionResult]::new('--nickname', '--nickname', [CompletionResultType]::ParameterName, 'The user''s nickname (unique; a selector for --user, so not all digits, not a UUID and without ''@'')')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;user;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many users (after the filters)')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Only users whose picture comes from SOURCE: user (pfp''s), app (an object the app stored in the bucket), external (a URL elsewhere), default (none of their own, no generated style set) or generated (none of their own, a generated style set)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--with-picture', '--with-picture', [CompletionResultType]::ParameterName, 'Only users with a picture of their own (pfp''s, or one the app''s column names)')
            [CompletionResult]::new('--without-picture', '--without-picture', [CompletionResultType]::ParameterName, 'Only users without a picture of their own (they are served the default)')
            [CompletionResult]::new('--tsv', '--tsv', [CompletionResultType]::ParameterName, 'Tab-separated rows without a header, even on a terminal (the form used off one)')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;user;show' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'The same, as the other commands take it')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The same, as the other commands take it')
            [CompletionResult]::new('--user-by', '--user-by', [CompletionResultType]::ParameterName, 'Match the selector against one kind only')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;user;update' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'The same, as the other commands take it')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The same, as the other commands take it')
            [CompletionResult]::new('--user-by', '--user-by', [CompletionResultType]::ParameterName, 'Match the selector against one kind only')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The new email address (unique without regard to case)')
            [CompletionResult]::new('--nickname', '--nickname', [CompletionResultType]::ParameterName, 'The new nickname (unique; not all digits, not a UUID, without ''@'')')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The new display name')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;user;delete' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'The same, as the other commands take it')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The same, as the other commands take it')
            [CompletionResult]::new('--user-by', '--user-by', [CompletionResultType]::ParameterName, 'Match the selector against one kind only')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;user;import' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;user;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a user (pfp-owned schema only)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users with their pictures')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one user with their picture')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a user''s email, nickname or display name (pfp-owned schema only)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user and their pictures (pfp-owned schema only)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add many users from a CSV file with the header email,nickname[,name] (pfp-owned schema only)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pfp;user;help;add' {
            break
        }
        'pfp;user;help;list' {
            break
        }
        'pfp;user;help;show' {
            break
        }
        'pfp;user;help;update' {
            break
        }
        'pfp;user;help;delete' {
            break
        }
        'pfp;user;help;import' {
            break
        }
        'pfp;user;help;help' {
            break
        }
        'pfp;import' {
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'A CSV file of user,path rows (- for standard input)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Files in flight at once [default: 16 x cores, at most 64]; decoding uses every core')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Files in flight at once [default: 16 x cores, at most 64]; decoding uses every core')
            [CompletionResult]::new('--user-by', '--user-by', [CompletionResultType]::ParameterName, 'Match every selector (file name or manifest column) against one kind only')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Only shard K of N (1-based) of the users, by a stable hash: run N of these, on as many machines, to spread the work (see examples/shard)')
            [CompletionResult]::new('--formats', '--formats', [CompletionResultType]::ParameterName, 'Accepted input formats, comma-separated [default: jpeg,png,gif,webp,heic,avif]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest accepted file, e.g. 5MB or 5MiB [default: 5MiB]')
            [CompletionResult]::new('--max-pixels', '--max-pixels', [CompletionResultType]::ParameterName, 'Most pixels (width x height) accepted [default: 40000000]')
            [CompletionResult]::new('--max-width', '--max-width', [CompletionResultType]::ParameterName, 'Widest image accepted, in pixels [default: 10000]')
            [CompletionResult]::new('--max-height', '--max-height', [CompletionResultType]::ParameterName, 'Tallest image accepted, in pixels [default: 10000]')
            [CompletionResult]::new('--max-frames', '--max-frames', [CompletionResultType]::ParameterName, 'Most frames an animated GIF may have [default: 300]')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Side of the stored picture in pixels; never upscaled [default: 512]')
            [CompletionResult]::new('--sizes', '--sizes', [CompletionResultType]::ParameterName, 'Derived sizes made from the same decode, e.g. 512,256,128,64')
            [CompletionResult]::new('--crop', '--crop', [CompletionResultType]::ParameterName, 'Square centre crop, or keep the aspect ratio [default: center]')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Stored format: auto is JPEG for opaque stills, PNG with transparency, GIF when animated')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--fill-defaults', '--fill-defaults', [CompletionResultType]::ParameterName, 'Pre-generate the default avatars of all users without a picture (see set-default --generated)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Read, decode and match every file and say what would be imported or replaced; change nothing')
            [CompletionResult]::new('--keep-previous', '--keep-previous', [CompletionResultType]::ParameterName, 'Keep replaced pictures until they are removed (by default they are kept 7 days, for ''pfp restore'')')
            [CompletionResult]::new('--static', '--static', [CompletionResultType]::ParameterName, 'Store the first frame of an animation only')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;export-urls' {
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'A file with one user selector per line, - for stdin (default: all users)')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'How long the URLs stay valid: 90s, 15m, 1h30m, 7d (at most 7d)')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'A derived size instead of the main picture (falls back to the main one)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: csv; ndjson with --json]')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Only shard K of N (1-based) of the users, by a stable hash: run N of these, on as many machines, to spread the work (see examples/shard)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Sign without asking the server anything: no check that the credentials are right, so a wrong secret key gives URLs that answer 403')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;adopt' {
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Users in flight at once [default: 2 x cores + 2]; decoding uses every core')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Users in flight at once [default: 2 x cores + 2]; decoding uses every core')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Only shard K of N (1-based) of the users, by a stable hash of their id')
            [CompletionResult]::new('--formats', '--formats', [CompletionResultType]::ParameterName, 'Accepted input formats, comma-separated [default: jpeg,png,gif,webp,heic,avif]')
            [CompletionResult]::new('--max-size', '--max-size', [CompletionResultType]::ParameterName, 'Largest accepted file, e.g. 5MB or 5MiB [default: 5MiB]')
            [CompletionResult]::new('--max-pixels', '--max-pixels', [CompletionResultType]::ParameterName, 'Most pixels (width x height) accepted [default: 40000000]')
            [CompletionResult]::new('--max-width', '--max-width', [CompletionResultType]::ParameterName, 'Widest image accepted, in pixels [default: 10000]')
            [CompletionResult]::new('--max-height', '--max-height', [CompletionResultType]::ParameterName, 'Tallest image accepted, in pixels [default: 10000]')
            [CompletionResult]::new('--max-frames', '--max-frames', [CompletionResultType]::ParameterName, 'Most frames an animated GIF may have [default: 300]')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Side of the stored picture in pixels; never upscaled [default: 512]')
            [CompletionResult]::new('--sizes', '--sizes', [CompletionResultType]::ParameterName, 'Derived sizes made from the same decode, e.g. 512,256,128,64')
            [CompletionResult]::new('--crop', '--crop', [CompletionResultType]::ParameterName, 'Square centre crop, or keep the aspect ratio [default: center]')
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Stored format: auto is JPEG for opaque stills, PNG with transparency, GIF when animated')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would be adopted, skipped or refused; change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--delete-originals', '--delete-originals', [CompletionResultType]::ParameterName, 'Delete each original object after its user''s column points at pfp''s picture (and only if no other user''s column names it)')
            [CompletionResult]::new('--static', '--static', [CompletionResultType]::ParameterName, 'Store the first frame of an animation only')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;verify' {
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'Orphans younger than this are left alone (an upload may be running)')
            [CompletionResult]::new('--max-changes', '--max-changes', [CompletionResultType]::ParameterName, 'With --fix: allow up to N changes (deleted objects, repaired columns, dropped entries) in this run [default: 10% of what was checked, at most 100]')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Only shard K of N (1-based) of the users, by a stable hash: run N of these, on as many machines, to spread the work (see examples/shard)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'With --fix: repairs (and deletions of expired pictures) in flight at once [default: 16]; those of one user''s folder still one at a time')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'With --fix: repairs (and deletions of expired pictures) in flight at once [default: 16]; those of one user''s folder still one at a time')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--fix', '--fix', [CompletionResultType]::ParameterName, 'Delete orphans older than the grace period and repair column/ledger disagreements')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --fix: print what would be repaired and change nothing')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;doctor' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;config' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective settings and where each came from (secrets masked)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pfp;config;show' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective settings and where each came from (secrets masked)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pfp;config;help;show' {
            break
        }
        'pfp;config;help;help' {
            break
        }
        'pfp;completions' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write every page (pfp.1, pfp-upload.1, pfp-bucket-init.1, ...) into this folder')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]')
            [CompletionResult]::new('--public-endpoint', '--public-endpoint', [CompletionResultType]::ParameterName, 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]')
            [CompletionResult]::new('--app-endpoints', '--app-endpoints', [CompletionResultType]::ParameterName, 'Other names of this server in the app''s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc''s config.json)')
            [CompletionResult]::new('--access-key', '--access-key', [CompletionResultType]::ParameterName, 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region used for signing [env: MINIO_REGION] [default: us-east-1]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust this PEM CA certificate (in addition to the system''s) for HTTPS endpoints')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each request to the object store, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--secret-key-stdin', '--secret-key-stdin', [CompletionResultType]::ParameterName, 'Read the secret key from the first line of standard input')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]')
            [CompletionResult]::new('--no-sandbox', '--no-sandbox', [CompletionResultType]::ParameterName, 'Decode pictures inside pfp''s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per result or error on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status lines, only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v, -vv, -vvv)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pfp;help' {
            [CompletionResult]::new('upload', 'upload', [CompletionResultType]::ParameterValue, 'Validate, normalise and upload a user''s profile picture')
            [CompletionResult]::new('get-url', 'get-url', [CompletionResultType]::ParameterValue, 'Print a presigned URL for a user''s picture (or the default picture)')
            [CompletionResult]::new('set-default', 'set-default', [CompletionResultType]::ParameterValue, 'Validate, normalise and store the default picture for users without one')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check images against the rules without uploading anything')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user''s picture; the user falls back to the default')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Bring back a picture that an upload, import, set-default or remove replaced (kept 7 days)')
            [CompletionResult]::new('bucket', 'bucket', [CompletionResultType]::ParameterValue, 'Manage the bucket')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage users in the user database')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import many pictures from a directory or a CSV manifest')
            [CompletionResult]::new('export-urls', 'export-urls', [CompletionResultType]::ParameterValue, 'Print presigned URLs for many users as CSV or NDJSON')
            [CompletionResult]::new('adopt', 'adopt', [CompletionResultType]::ParameterValue, 'Take over the pictures an app stored in the bucket itself (onboarding)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Reconcile the database and the bucket')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check configuration, server, credentials, bucket and database')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the effective configuration')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page (roff): pfp man > pfp.1, pfp man upload > pfp-upload.1, or write them all with --dir')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pfp;help;upload' {
            break
        }
        'pfp;help;get-url' {
            break
        }
        'pfp;help;set-default' {
            break
        }
        'pfp;help;validate' {
            break
        }
        'pfp;help;remove' {
            break
        }
        'pfp;help;restore' {
            break
        }
        'pfp;help;bucket' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the bucket if it does not exist and give it a store id; where the database exists, make the bucket its store (safe to re-run)')
            [CompletionResult]::new('claim', 'claim', [CompletionResultType]::ParameterValue, 'Make this bucket the database''s store (after moving the database to a copy of its bucket): refused changes then go ahead here')
            break
        }
        'pfp;help;bucket;init' {
            break
        }
        'pfp;help;bucket;claim' {
            break
        }
        'pfp;help;user' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a user (pfp-owned schema only)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users with their pictures')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one user with their picture')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a user''s email, nickname or display name (pfp-owned schema only)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user and their pictures (pfp-owned schema only)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add many users from a CSV file with the header email,nickname[,name] (pfp-owned schema only)')
            break
        }
        'pfp;help;user;add' {
            break
        }
        'pfp;help;user;list' {
            break
        }
        'pfp;help;user;show' {
            break
        }
        'pfp;help;user;update' {
            break
        }
        'pfp;help;user;delete' {
            break
        }
        'pfp;help;user;import' {
            break
        }
        'pfp;help;import' {
            break
        }
        'pfp;help;export-urls' {
            break
        }
        'pfp;help;adopt' {
            break
        }
        'pfp;help;verify' {
            break
        }
        'pfp;help;doctor' {
            break
        }
        'pfp;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective settings and where each came from (secrets masked)')
            break
        }
        'pfp;help;config;show' {
            break
        }
        'pfp;help;completions' {
            break
        }
        'pfp;help;man' {
            break
        }
        'pfp;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}

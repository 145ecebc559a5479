# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_pfp_global_optspecs
    string join \n endpoint= public-endpoint= app-endpoints= alias= access-key= secret-key-file= secret-key-stdin bucket= region= db= config= ca-cert= insecure no-sandbox retries= timeout= lock-timeout= json q/quiet v/verbose no-progress color= h/help V/version
end

function __fish_pfp_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_pfp_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_pfp_using_subcommand
    set -l cmd (__fish_pfp_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c pfp -n "__fish_pfp_needs_command" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_needs_command" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_needs_command" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_needs_command" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_needs_command" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_needs_command" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_needs_command" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_needs_command" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_needs_command" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_needs_command" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_needs_command" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_needs_command" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_needs_command" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_needs_command" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_needs_command" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_needs_command" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_needs_command" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_needs_command" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_needs_command" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_needs_command" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_needs_command" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_needs_command" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_needs_command" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "upload" -d 'Validate, normalise and upload a user\'s profile picture'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "get-url" -d 'Print a presigned URL for a user\'s picture (or the default picture)'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "set-default" -d 'Validate, normalise and store the default picture for users without one'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "validate" -d 'Check images against the rules without uploading anything'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "remove" -d 'Remove a user\'s picture; the user falls back to the default'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "restore" -d 'Bring back a picture that an upload, import, set-default or remove replaced (kept 7 days)'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "bucket" -d 'Manage the bucket'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "user" -d 'Manage users in the user database'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "import" -d 'Import many pictures from a directory or a CSV manifest'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "export-urls" -d 'Print presigned URLs for many users as CSV or NDJSON'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "adopt" -d 'Take over the pictures an app stored in the bucket itself (onboarding)'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "verify" -d 'Reconcile the database and the bucket'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "doctor" -d 'Check configuration, server, credentials, bucket and database'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "config" -d 'Show the effective configuration'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "man" -d 'Print a man page (roff): pfp man > pfp.1, pfp man upload > pfp-upload.1, or write them all with --dir'
complete -c pfp -n "__fish_pfp_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pfp -n "__fish_pfp_using_subcommand upload" -s u -l user -d 'The user: an integer id, a UUID, an email or a nickname' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l user-by -d 'Match the selector against one kind only' -r -f -a "id\t''
uuid\t''
email\t''
nickname\t''"
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l formats -d 'Accepted input formats, comma-separated [default: jpeg,png,gif,webp,heic,avif]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l max-size -d 'Largest accepted file, e.g. 5MB or 5MiB [default: 5MiB]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l max-pixels -d 'Most pixels (width x height) accepted [default: 40000000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l max-width -d 'Widest image accepted, in pixels [default: 10000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l max-height -d 'Tallest image accepted, in pixels [default: 10000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l max-frames -d 'Most frames an animated GIF may have [default: 300]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l size -d 'Side of the stored picture in pixels; never upscaled [default: 512]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l sizes -d 'Derived sizes made from the same decode, e.g. 512,256,128,64' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l crop -d 'Square centre crop, or keep the aspect ratio [default: center]' -r -f -a "center\t''
none\t''"
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l output-format -d 'Stored format: auto is JPEG for opaque stills, PNG with transparency, GIF when animated' -r -f -a "auto\t''
jpeg\t''
png\t''
webp\t'Lossy WebP (quality 82: the SSIM of JPEG q85 on photos, at about 2/3 of its bytes)'
webp-lossless\t'Lossless WebP (about 5x the bytes of JPEG on photos)'"
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l expires -d 'How long the printed URL stays valid: 90s, 15m, 1h30m, 7d (at most 7d)' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l static -d 'Store the first frame of an animation only'
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l dry-run -d 'Validate and print the plan; touch nothing'
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l keep-previous -d 'Keep the replaced picture until it is removed (by default it is kept 7 days, for \'pfp restore\')'
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand upload" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand upload" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand upload" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand upload" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand upload" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -s u -l user -d 'The user: an integer id, a UUID, an email or a nickname' -r
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l user-by -d 'Match the selector against one kind only' -r -f -a "id\t''
uuid\t''
email\t''
nickname\t''"
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l expires -d 'How long the URL stays valid: 90s, 15m, 1h30m, 7d (at most 7d)' -r
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l size -d 'A derived size instead of the main picture' -r
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l check -d 'Check that the object exists before printing its URL'
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l offline -d 'Sign without asking the server anything: no check that the credentials are right, so a wrong secret key gives URLs that answer 403'
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand get-url" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l generated -d 'Instead of one picture: a deterministic avatar per user, drawn from their stable id' -r -f -a "identicon\t''
initials\t''"
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l expires -d 'How long the printed URL stays valid: 90s, 15m, 1h30m, 7d (at most 7d)' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l formats -d 'Accepted input formats, comma-separated [default: jpeg,png,gif,webp,heic,avif]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l max-size -d 'Largest accepted file, e.g. 5MB or 5MiB [default: 5MiB]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l max-pixels -d 'Most pixels (width x height) accepted [default: 40000000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l max-width -d 'Widest image accepted, in pixels [default: 10000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l max-height -d 'Tallest image accepted, in pixels [default: 10000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l max-frames -d 'Most frames an animated GIF may have [default: 300]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l size -d 'Side of the stored picture in pixels; never upscaled [default: 512]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l sizes -d 'Derived sizes made from the same decode, e.g. 512,256,128,64' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l crop -d 'Square centre crop, or keep the aspect ratio [default: center]' -r -f -a "center\t''
none\t''"
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l output-format -d 'Stored format: auto is JPEG for opaque stills, PNG with transparency, GIF when animated' -r -f -a "auto\t''
jpeg\t''
png\t''
webp\t'Lossy WebP (quality 82: the SSIM of JPEG q85 on photos, at about 2/3 of its bytes)'
webp-lossless\t'Lossless WebP (about 5x the bytes of JPEG on photos)'"
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -s y -l yes -d 'Replace an existing default without asking'
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l static -d 'Store the first frame of an animation only'
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand set-default" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand validate" -s j -l jobs -d 'Files checked at once [default: 2 x cores]; verdicts still come in the order of the files' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l formats -d 'Accepted input formats, comma-separated [default: jpeg,png,gif,webp,heic,avif]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l max-size -d 'Largest accepted file, e.g. 5MB or 5MiB [default: 5MiB]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l max-pixels -d 'Most pixels (width x height) accepted [default: 40000000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l max-width -d 'Widest image accepted, in pixels [default: 10000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l max-height -d 'Tallest image accepted, in pixels [default: 10000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l max-frames -d 'Most frames an animated GIF may have [default: 300]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l size -d 'Side of the stored picture in pixels; never upscaled [default: 512]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l sizes -d 'Derived sizes made from the same decode, e.g. 512,256,128,64' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l crop -d 'Square centre crop, or keep the aspect ratio [default: center]' -r -f -a "center\t''
none\t''"
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l output-format -d 'Stored format: auto is JPEG for opaque stills, PNG with transparency, GIF when animated' -r -f -a "auto\t''
jpeg\t''
png\t''
webp\t'Lossy WebP (quality 82: the SSIM of JPEG q85 on photos, at about 2/3 of its bytes)'
webp-lossless\t'Lossless WebP (about 5x the bytes of JPEG on photos)'"
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l static -d 'Store the first frame of an animation only'
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand validate" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand validate" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand validate" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand validate" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand remove" -s u -l user -d 'The user: an integer id, a UUID, an email or a nickname' -r
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l user-by -d 'Match the selector against one kind only' -r -f -a "id\t''
uuid\t''
email\t''
nickname\t''"
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l purge -d 'Delete the picture at once, and the pictures kept after replacements (a user\'s request to erase them, a moderator\'s); by default a removed picture is kept 7 days for \'pfp restore\''
complete -c pfp -n "__fish_pfp_using_subcommand remove" -s y -l yes -d 'Do not ask for confirmation'
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand remove" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand remove" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand remove" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand remove" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand restore" -s u -l user -d 'The user: an integer id, a UUID, an email or a nickname' -r
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l user-by -d 'Match the selector against one kind only' -r -f -a "id\t''
uuid\t''
email\t''
nickname\t''"
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l key -d 'Which kept picture (its object key, or for the app\'s picture the column\'s value, as the line that replaced it named it) [default: the one replaced last]' -r
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l since -d 'Every user whose picture was replaced since WHEN gets back the one it had then (undoing a mistaken import): a time (2026-12-07T10:00:00Z) or how long ago (90m, 2h)' -r
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l default -d 'The default picture instead of a user\'s'
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l remove-first-pictures -d 'With --since: also remove the pictures of users who had none then (each kept 7 days for restore, as `pfp remove` keeps it)'
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l dry-run -d 'With --since: say what would be restored, and change nothing'
complete -c pfp -n "__fish_pfp_using_subcommand restore" -s y -l yes -d 'With --since: do not ask for confirmation'
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand restore" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand restore" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand restore" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand restore" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -f -a "init" -d 'Create the bucket if it does not exist and give it a store id; where the database exists, make the bucket its store (safe to re-run)'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -f -a "claim" -d 'Make this bucket the database\'s store (after moving the database to a copy of its bucket): refused changes then go ahead here'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and not __fish_seen_subcommand_from init claim help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l wait -d 'Keep retrying the connection for this long, e.g. 30s, while the server starts' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -s y -l yes -d 'Do not ask for confirmation'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from claim" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from help" -f -a "init" -d 'Create the bucket if it does not exist and give it a store id; where the database exists, make the bucket its store (safe to re-run)'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from help" -f -a "claim" -d 'Make this bucket the database\'s store (after moving the database to a copy of its bucket): refused changes then go ahead here'
complete -c pfp -n "__fish_pfp_using_subcommand bucket; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -f -a "add" -d 'Add a user (pfp-owned schema only)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -f -a "list" -d 'List users with their pictures'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -f -a "show" -d 'Show one user with their picture'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -f -a "update" -d 'Change a user\'s email, nickname or display name (pfp-owned schema only)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -f -a "delete" -d 'Delete a user and their pictures (pfp-owned schema only)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -f -a "import" -d 'Add many users from a CSV file with the header email,nickname[,name] (pfp-owned schema only)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and not __fish_seen_subcommand_from add list show update delete import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l email -d 'The user\'s email address (unique; a selector for --user)' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l nickname -d 'The user\'s nickname (unique; a selector for --user, so not all digits, not a UUID and without \'@\')' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l name -d 'Display name' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l limit -d 'At most this many users (after the filters)' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l source -d 'Only users whose picture comes from SOURCE: user (pfp\'s), app (an object the app stored in the bucket), external (a URL elsewhere), default (none of their own, no generated style set) or generated (none of their own, a generated style set)' -r -f -a "user\t''
app\t''
external\t''
default\t''
generated\t''"
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l with-picture -d 'Only users with a picture of their own (pfp\'s, or one the app\'s column names)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l without-picture -d 'Only users without a picture of their own (they are served the default)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l tsv -d 'Tab-separated rows without a header, even on a terminal (the form used off one)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -s u -l user -d 'The same, as the other commands take it' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l user-by -d 'Match the selector against one kind only' -r -f -a "id\t''
uuid\t''
email\t''
nickname\t''"
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -s u -l user -d 'The same, as the other commands take it' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l user-by -d 'Match the selector against one kind only' -r -f -a "id\t''
uuid\t''
email\t''
nickname\t''"
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l email -d 'The new email address (unique without regard to case)' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l nickname -d 'The new nickname (unique; not all digits, not a UUID, without \'@\')' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l name -d 'The new display name' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -s u -l user -d 'The same, as the other commands take it' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l user-by -d 'Match the selector against one kind only' -r -f -a "id\t''
uuid\t''
email\t''
nickname\t''"
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a user (pfp-owned schema only)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "list" -d 'List users with their pictures'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one user with their picture'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a user\'s email, nickname or display name (pfp-owned schema only)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a user and their pictures (pfp-owned schema only)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "import" -d 'Add many users from a CSV file with the header email,nickname[,name] (pfp-owned schema only)'
complete -c pfp -n "__fish_pfp_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pfp -n "__fish_pfp_using_subcommand import" -l manifest -d 'A CSV file of user,path rows (- for standard input)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand import" -s j -l jobs -d 'Files in flight at once [default: 16 x cores, at most 64]; decoding uses every core' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l user-by -d 'Match every selector (file name or manifest column) against one kind only' -r -f -a "id\t''
uuid\t''
email\t''
nickname\t''"
complete -c pfp -n "__fish_pfp_using_subcommand import" -l shard -d 'Only shard K of N (1-based) of the users, by a stable hash: run N of these, on as many machines, to spread the work (see examples/shard)' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l formats -d 'Accepted input formats, comma-separated [default: jpeg,png,gif,webp,heic,avif]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l max-size -d 'Largest accepted file, e.g. 5MB or 5MiB [default: 5MiB]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l max-pixels -d 'Most pixels (width x height) accepted [default: 40000000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l max-width -d 'Widest image accepted, in pixels [default: 10000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l max-height -d 'Tallest image accepted, in pixels [default: 10000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l max-frames -d 'Most frames an animated GIF may have [default: 300]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l size -d 'Side of the stored picture in pixels; never upscaled [default: 512]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l sizes -d 'Derived sizes made from the same decode, e.g. 512,256,128,64' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l crop -d 'Square centre crop, or keep the aspect ratio [default: center]' -r -f -a "center\t''
none\t''"
complete -c pfp -n "__fish_pfp_using_subcommand import" -l output-format -d 'Stored format: auto is JPEG for opaque stills, PNG with transparency, GIF when animated' -r -f -a "auto\t''
jpeg\t''
png\t''
webp\t'Lossy WebP (quality 82: the SSIM of JPEG q85 on photos, at about 2/3 of its bytes)'
webp-lossless\t'Lossless WebP (about 5x the bytes of JPEG on photos)'"
complete -c pfp -n "__fish_pfp_using_subcommand import" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand import" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand import" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand import" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand import" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand import" -l fill-defaults -d 'Pre-generate the default avatars of all users without a picture (see set-default --generated)'
complete -c pfp -n "__fish_pfp_using_subcommand import" -l dry-run -d 'Read, decode and match every file and say what would be imported or replaced; change nothing'
complete -c pfp -n "__fish_pfp_using_subcommand import" -l keep-previous -d 'Keep replaced pictures until they are removed (by default they are kept 7 days, for \'pfp restore\')'
complete -c pfp -n "__fish_pfp_using_subcommand import" -l static -d 'Store the first frame of an animation only'
complete -c pfp -n "__fish_pfp_using_subcommand import" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand import" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand import" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand import" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand import" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand import" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand import" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand import" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l users -d 'A file with one user selector per line, - for stdin (default: all users)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l expires -d 'How long the URLs stay valid: 90s, 15m, 1h30m, 7d (at most 7d)' -r
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l size -d 'A derived size instead of the main picture (falls back to the main one)' -r
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l format -d 'Output format [default: csv; ndjson with --json]' -r -f -a "csv\t''
ndjson\t''"
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l shard -d 'Only shard K of N (1-based) of the users, by a stable hash: run N of these, on as many machines, to spread the work (see examples/shard)' -r
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l offline -d 'Sign without asking the server anything: no check that the credentials are right, so a wrong secret key gives URLs that answer 403'
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand export-urls" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -s j -l jobs -d 'Users in flight at once [default: 2 x cores + 2]; decoding uses every core' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l shard -d 'Only shard K of N (1-based) of the users, by a stable hash of their id' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l formats -d 'Accepted input formats, comma-separated [default: jpeg,png,gif,webp,heic,avif]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l max-size -d 'Largest accepted file, e.g. 5MB or 5MiB [default: 5MiB]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l max-pixels -d 'Most pixels (width x height) accepted [default: 40000000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l max-width -d 'Widest image accepted, in pixels [default: 10000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l max-height -d 'Tallest image accepted, in pixels [default: 10000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l max-frames -d 'Most frames an animated GIF may have [default: 300]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l size -d 'Side of the stored picture in pixels; never upscaled [default: 512]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l sizes -d 'Derived sizes made from the same decode, e.g. 512,256,128,64' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l crop -d 'Square centre crop, or keep the aspect ratio [default: center]' -r -f -a "center\t''
none\t''"
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l output-format -d 'Stored format: auto is JPEG for opaque stills, PNG with transparency, GIF when animated' -r -f -a "auto\t''
jpeg\t''
png\t''
webp\t'Lossy WebP (quality 82: the SSIM of JPEG q85 on photos, at about 2/3 of its bytes)'
webp-lossless\t'Lossless WebP (about 5x the bytes of JPEG on photos)'"
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l dry-run -d 'Say what would be adopted, skipped or refused; change nothing'
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -s y -l yes -d 'Do not ask for confirmation'
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l delete-originals -d 'Delete each original object after its user\'s column points at pfp\'s picture (and only if no other user\'s column names it)'
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l static -d 'Store the first frame of an animation only'
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand adopt" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l grace -d 'Orphans younger than this are left alone (an upload may be running)' -r
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l max-changes -d 'With --fix: allow up to N changes (deleted objects, repaired columns, dropped entries) in this run [default: 10% of what was checked, at most 100]' -r
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l shard -d 'Only shard K of N (1-based) of the users, by a stable hash: run N of these, on as many machines, to spread the work (see examples/shard)' -r
complete -c pfp -n "__fish_pfp_using_subcommand verify" -s j -l jobs -d 'With --fix: repairs (and deletions of expired pictures) in flight at once [default: 16]; those of one user\'s folder still one at a time' -r
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l fix -d 'Delete orphans older than the grace period and repair column/ledger disagreements'
complete -c pfp -n "__fish_pfp_using_subcommand verify" -s y -l yes -d 'Do not ask for confirmation'
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l dry-run -d 'With --fix: print what would be repaired and change nothing'
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand verify" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand verify" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand verify" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand verify" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Print the effective settings and where each came from (secrets masked)'
complete -c pfp -n "__fish_pfp_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the effective settings and where each came from (secrets masked)'
complete -c pfp -n "__fish_pfp_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand completions" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand completions" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand completions" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand completions" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand man" -l dir -d 'Write every page (pfp.1, pfp-upload.1, pfp-bucket-init.1, ...) into this folder' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand man" -l endpoint -d 'S3 endpoint, host:port or URL [env: MINIO_ENDPOINT] [default: http://127.0.0.1:9000]' -r
complete -c pfp -n "__fish_pfp_using_subcommand man" -l public-endpoint -d 'Sign presigned URLs for this host (a reverse proxy or public name) [env: MINIO_PUBLIC_ENDPOINT]' -r
complete -c pfp -n "__fish_pfp_using_subcommand man" -l app-endpoints -d 'Other names of this server in the app\'s picture columns, comma-separated (minio:9000 inside docker-compose) [env: MINIO_APP_ENDPOINTS]' -r
complete -c pfp -n "__fish_pfp_using_subcommand man" -l alias -d 'Use the endpoint and keys of this mc alias (MC_HOST_<NAME>, else mc\'s config.json)' -r
complete -c pfp -n "__fish_pfp_using_subcommand man" -l access-key -d 'Access key [env: MINIO_ACCESS_KEY, MINIO_ROOT_USER]' -r
complete -c pfp -n "__fish_pfp_using_subcommand man" -l secret-key-file -d 'Read the secret key from the first line of this file (instead of env MINIO_SECRET_KEY, which holds the key itself)' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand man" -l bucket -d 'Bucket name [env: MINIO_BUCKET_NAME] [default: demo]' -r
complete -c pfp -n "__fish_pfp_using_subcommand man" -l region -d 'Region used for signing [env: MINIO_REGION] [default: us-east-1]' -r
complete -c pfp -n "__fish_pfp_using_subcommand man" -l db -d 'User database: sqlite:PATH or postgres://... [env: DATABASE_URL] [default: sqlite:$XDG_DATA_HOME/pfp/pfp.db]' -r
complete -c pfp -n "__fish_pfp_using_subcommand man" -l config -d 'Config file [env: PFP_CONFIG] [default: $XDG_CONFIG_HOME/pfp/config.toml]' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand man" -l ca-cert -d 'Trust this PEM CA certificate (in addition to the system\'s) for HTTPS endpoints' -r -F
complete -c pfp -n "__fish_pfp_using_subcommand man" -l retries -d 'Retries for connection errors, timeouts, 5xx and SlowDown [default: 3]' -r
complete -c pfp -n "__fish_pfp_using_subcommand man" -l timeout -d 'Timeout of each request to the object store, e.g. 30s [default: 30s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand man" -l lock-timeout -d 'How long a step waits for another run\'s lock on the same user\'s pictures before it gives up, changing nothing (0s: not at all), e.g. 120s [env: PFP_LOCK_TIMEOUT] [default: 120s]' -r
complete -c pfp -n "__fish_pfp_using_subcommand man" -l color -d 'Colour in output and logs: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c pfp -n "__fish_pfp_using_subcommand man" -l secret-key-stdin -d 'Read the secret key from the first line of standard input'
complete -c pfp -n "__fish_pfp_using_subcommand man" -l insecure -d 'Do not verify TLS certificates (dangerous; prints a warning) [default: false]'
complete -c pfp -n "__fish_pfp_using_subcommand man" -l no-sandbox -d 'Decode pictures inside pfp\'s own process, next to the keys, instead of in the jailed child (for debugging only; prints a warning)'
complete -c pfp -n "__fish_pfp_using_subcommand man" -l json -d 'One JSON object per result or error on stdout'
complete -c pfp -n "__fish_pfp_using_subcommand man" -s q -l quiet -d 'Print no status lines, only results and errors'
complete -c pfp -n "__fish_pfp_using_subcommand man" -s v -l verbose -d 'More detail on stderr (-v, -vv, -vvv)'
complete -c pfp -n "__fish_pfp_using_subcommand man" -l no-progress -d 'Never draw progress bars'
complete -c pfp -n "__fish_pfp_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pfp -n "__fish_pfp_using_subcommand man" -s V -l version -d 'Print version'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "upload" -d 'Validate, normalise and upload a user\'s profile picture'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "get-url" -d 'Print a presigned URL for a user\'s picture (or the default picture)'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "set-default" -d 'Validate, normalise and store the default picture for users without one'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "validate" -d 'Check images against the rules without uploading anything'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "remove" -d 'Remove a user\'s picture; the user falls back to the default'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "restore" -d 'Bring back a picture that an upload, import, set-default or remove replaced (kept 7 days)'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "bucket" -d 'Manage the bucket'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "user" -d 'Manage users in the user database'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "import" -d 'Import many pictures from a directory or a CSV manifest'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "export-urls" -d 'Print presigned URLs for many users as CSV or NDJSON'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "adopt" -d 'Take over the pictures an app stored in the bucket itself (onboarding)'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "verify" -d 'Reconcile the database and the bucket'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "doctor" -d 'Check configuration, server, credentials, bucket and database'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "config" -d 'Show the effective configuration'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "completions" -d 'Print shell completions'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "man" -d 'Print a man page (roff): pfp man > pfp.1, pfp man upload > pfp-upload.1, or write them all with --dir'
complete -c pfp -n "__fish_pfp_using_subcommand help; and not __fish_seen_subcommand_from upload get-url set-default validate remove restore bucket user import export-urls adopt verify doctor config completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pfp -n "__fish_pfp_using_subcommand help; and __fish_seen_subcommand_from bucket" -f -a "init" -d 'Create the bucket if it does not exist and give it a store id; where the database exists, make the bucket its store (safe to re-run)'
complete -c pfp -n "__fish_pfp_using_subcommand help; and __fish_seen_subcommand_from bucket" -f -a "claim" -d 'Make this bucket the database\'s store (after moving the database to a copy of its bucket): refused changes then go ahead here'
complete -c pfp -n "__fish_pfp_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "add" -d 'Add a user (pfp-owned schema only)'
complete -c pfp -n "__fish_pfp_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "list" -d 'List users with their pictures'
complete -c pfp -n "__fish_pfp_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "show" -d 'Show one user with their picture'
complete -c pfp -n "__fish_pfp_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "update" -d 'Change a user\'s email, nickname or display name (pfp-owned schema only)'
complete -c pfp -n "__fish_pfp_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "delete" -d 'Delete a user and their pictures (pfp-owned schema only)'
complete -c pfp -n "__fish_pfp_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "import" -d 'Add many users from a CSV file with the header email,nickname[,name] (pfp-owned schema only)'
complete -c pfp -n "__fish_pfp_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the effective settings and where each came from (secrets masked)'

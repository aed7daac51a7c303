# Sourced by the fetch scripts: sets `cache_root`, the folder the bot looks in for the model and
# WordNet (the same rule as `embed::default_cache_dir`).
# The bot reads INTERVIEW_BOT_CACHE from .env as well as the environment; so do the scripts
# (that one line only: .env also holds the token).
env_file="$(dirname "${BASH_SOURCE[0]}")/../.env"
if [[ -z "${INTERVIEW_BOT_CACHE:-}" && -f "$env_file" ]]; then
    INTERVIEW_BOT_CACHE=$(sed -n 's/^[[:space:]]*INTERVIEW_BOT_CACHE[[:space:]]*=[[:space:]]*//p' "$env_file" \
        | tail -n 1 | tr -d "\"'")
fi
cache_root="${INTERVIEW_BOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/interview-bot}"

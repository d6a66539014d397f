# Bash completion for caspian.  Installed as
# share/bash-completion/completions/caspian; to try it without installing:
#     source engine/cli/completion/caspian.bash
# zsh: the same file works after bashcompinit, which it loads itself.
#
# Commands and their options are read from `caspian --help` and
# `caspian COMMAND --help`, so they follow the program they complete.
# Series names come from `caspian list` (honouring --db and CASPIAN_DB), or
# from the file given with --file.

if [ -n "${ZSH_VERSION-}" ]; then
	autoload -U +X bashcompinit && bashcompinit
fi

_caspian_commands()
{
	"$1" --help 2>/dev/null | awk '/^Commands:/ { c = 1; next } c && /^  [a-z]/ { print $1 } c && /^$/ { exit }'
}

# Series names: from the store, or from the CSV file given with --file.
_caspian_series()
{
	local bin=$1 file=$2
	shift 2
	if [ -n "$file" ]; then
		"$bin" show --file "$file" '*' --format csv 2>/dev/null | awk -F, 'NR > 1 && $1 != last { print $1; last = $1 }'
	else
		"$bin" "$@" list --format csv 2>/dev/null | awk -F, 'NR > 1 { print $1 }'
	fi
}

# Words completing cur, one per line, into COMPREPLY; names may hold ':',
# which bash treats as a word break, so the part before it is dropped.
_caspian_reply()
{
	local cur=$1 w
	shift
	COMPREPLY=()
	while IFS= read -r w; do
		[ -n "$w" ] || continue
		case $w in
		"$cur"*)
			if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
				w=${w#"${cur%:*}:"}
			fi
			COMPREPLY+=("$w")
			;;
		esac
	done <<<"$*"
}

_caspian()
{
	local bin=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev= i cmd= file=
	local -a db=()
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# --opt=value arrives as three words: --opt, '=', value
	if [ "$prev" = "=" ] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	elif [ "$cur" = "=" ]; then
		cur=
	fi
	# bash splits "fx:usd" at the colon; the line itself has the whole word
	if [ -n "${COMP_LINE-}" ] && [ -n "${COMP_POINT-}" ]; then
		local line=${COMP_LINE:0:COMP_POINT}
		line=${line##*[[:space:]]}
		[[ $line == *:* ]] && cur=$line
	fi
	# a bare "caspian" completes like one on PATH
	command -v "$bin" >/dev/null 2>&1 || bin=caspian

	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--db)
			db=(--db "${COMP_WORDS[i + 1]}")
			((i++))
			;;
		-*) ;;
		*)
			cmd=${COMP_WORDS[i]}
			break
			;;
		esac
	done
	for ((i = i + 1; i < COMP_CWORD; i++)); do
		[ "${COMP_WORDS[i]}" = "--file" ] && file=${COMP_WORDS[i + 1]}
	done

	if [ -z "$cmd" ]; then
		case $prev in
		--db) COMPREPLY=($(compgen -f -- "$cur")) ;;
		*)
			if [[ $cur == -* ]]; then
				COMPREPLY=($(compgen -W "--db --quiet --help --version" -- "$cur"))
			else
				_caspian_reply "$cur" "$(_caspian_commands "$bin")"
			fi
			;;
		esac
		return 0
	fi

	local help
	help=$("$bin" "$cmd" --help 2>/dev/null)
	case $prev in
	--file | -o | --output | --db)
		COMPREPLY=($(compgen -f -- "$cur"))
		return 0
		;;
	--out-dir)
		COMPREPLY=($(compgen -d -- "$cur"))
		return 0
		;;
	--format)
		COMPREPLY=($(compgen -W "table csv json" -- "$cur"))
		return 0
		;;
	--method | --methods | --forecast)
		# the methods are listed under "Methods:" in the forecast command's help
		_caspian_reply "$cur" "$("$bin" forecast --help 2>/dev/null | awk '/^Methods:/ { m = 1; next } m && /^  [a-z]/ { print $1 }')"
		return 0
		;;
	--*)
		# an option whose value the help writes as a placeholder (--from P):
		# nothing sensible to offer
		if grep -q -- "$prev [A-Z]" <<<"$help"; then
			return 0
		fi
		;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(grep -o -- '--[a-z][a-z-]*' <<<"$help" | sort -u) --help" -- "$cur"))
		return 0
	fi
	case $cmd in
	help) _caspian_reply "$cur" "$(_caspian_commands "$bin")" ;;
	import | check) COMPREPLY=($(compgen -f -- "$cur")) ;;
	demo) ;;
	*) _caspian_reply "$cur" "$(_caspian_series "$bin" "$file" "${db[@]}")" ;;
	esac
	return 0
}

complete -F _caspian caspian

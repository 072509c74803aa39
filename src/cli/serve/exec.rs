//! `ssh HOST list`, `ssh HOST cat ISSUE/N`, `ssh HOST search Q`: the command-line printers,
//! and nothing else. The server runs its own binary on them (never a shell), so the bytes
//! are exactly the local command's.

use std::process::Stdio;
use std::sync::Arc;

use russh::ChannelId;
use russh::server::Handle;
use tokio::io::AsyncReadExt;
use tokio::process::Command;

use super::Shared;

/// The arguments for `kanbao` that a requested command stands for, or why it is refused.
pub fn allowed(command: &str) -> Result<Vec<String>, String> {
    let command = command.trim();
    let (name, rest) = command
        .split_once(char::is_whitespace)
        .map_or((command, ""), |(name, rest)| (name, rest.trim()));
    match name {
        "list" if rest.is_empty() => Ok(vec!["list".into()]),
        // The query is the rest as typed: `ssh HOST search 快递 上海` looks for "快递 上海".
        "search" if !rest.is_empty() => Ok(vec!["search".into(), "--".into(), rest.into()]),
        "cat" => cat_arguments(rest),
        _ => Err(format!(
            "`{command}` is not something this server runs; it runs `list`, `cat ISSUE[/N]` \
             and `search QUERY`, or the reader when you connect with a terminal"
        )),
    }
}

fn cat_arguments(rest: &str) -> Result<Vec<String>, String> {
    let mut words = rest.split_whitespace();
    let mut arguments = vec!["cat".to_owned()];
    let mut target = None;
    while let Some(word) = words.next() {
        let (flag, inline) = word
            .split_once('=')
            .map_or((word, None), |(flag, value)| (flag, Some(value)));
        match flag {
            "--width" | "--ambiguous-width" => {
                let value = inline
                    .map(str::to_owned)
                    .or_else(|| words.next().map(str::to_owned))
                    .ok_or_else(|| format!("`{flag}` needs a number"))?;
                arguments.push(format!("{flag}={value}"));
            }
            _ if word.starts_with('-') => {
                return Err(format!(
                    "`cat` takes ISSUE[/N], --width N and --ambiguous-width 1|2, not `{word}`"
                ));
            }
            _ if target.is_none() => target = Some(word.to_owned()),
            _ => return Err("`cat` takes one ISSUE[/N]".into()),
        }
    }
    let target = target.ok_or("`cat` needs the issue: cat ISSUE[/N]")?;
    arguments.push("--".into());
    arguments.push(target);
    Ok(arguments)
}

/// Runs `kanbao ARGUMENTS` on the served folder and config, its output to the channel, its
/// exit status to the client; then closes the channel.
pub async fn run(shared: Arc<Shared>, handle: Handle, channel: ChannelId, arguments: Vec<String>) {
    let status = match spawn(&shared, &arguments) {
        Ok(mut child) => {
            let stdout = child.stdout.take();
            let stderr = child.stderr.take();
            let out = forward(stdout, &handle, channel, None);
            let err = forward(stderr, &handle, channel, Some(1));
            let ((), (), waited) = tokio::join!(out, err, child.wait());
            waited.ok().and_then(|status| status.code()).unwrap_or(1)
        }
        Err(why) => {
            let _ = handle
                .extended_data(channel, 1, format!("kanbao: {why}\r\n").into_bytes())
                .await;
            1
        }
    };
    let _ = handle
        .exit_status_request(channel, u32::try_from(status).unwrap_or(1))
        .await;
    let _ = handle.eof(channel).await;
    let _ = handle.close(channel).await;
}

fn spawn(shared: &Shared, arguments: &[String]) -> Result<tokio::process::Child, String> {
    let program = std::env::current_exe().map_err(|e| format!("cannot find kanbao: {e}"))?;
    let mut command = Command::new(program);
    command
        .arg("--issues")
        .arg(&shared.issues_dir)
        .arg("--config")
        .arg(
            shared
                .config
                .file
                .as_deref()
                .unwrap_or("/dev/null".as_ref()),
        )
        .args(arguments)
        .env_remove("KANBAO_CONFIG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    command
        .spawn()
        .map_err(|e| format!("cannot run kanbao: {e}"))
}

async fn forward(
    pipe: Option<impl tokio::io::AsyncRead + Unpin>,
    handle: &Handle,
    channel: ChannelId,
    extended: Option<u32>,
) {
    let Some(mut pipe) = pipe else {
        return;
    };
    let mut buffer = vec![0u8; 32 * 1024];
    while let Ok(n @ 1..) = pipe.read(&mut buffer).await {
        let chunk = buffer.get(..n).unwrap_or_default().to_vec();
        let sent = match extended {
            Some(code) => handle.extended_data(channel, code, chunk).await,
            None => handle.data(channel, chunk).await,
        };
        if sent.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_printers_are_run() {
        assert_eq!(allowed("list"), Ok(vec!["list".to_owned()]));
        assert_eq!(
            allowed("search 快递 上海"),
            Ok(vec!["search".into(), "--".into(), "快递 上海".into()])
        );
        assert_eq!(
            allowed("cat 2022-11/3 --width 60"),
            Ok(vec![
                "cat".into(),
                "--width=60".into(),
                "--".into(),
                "2022-11/3".into()
            ])
        );
        for refused in [
            "sh",
            "list --issues /etc",
            "cat x --issues /etc",
            "cat",
            "search",
            "cat a b",
            "rm -rf /",
        ] {
            assert!(allowed(refused).is_err(), "{refused} was allowed");
        }
    }
}

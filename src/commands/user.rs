//! `pfp user add | list | show`: the users pfp records pictures for.

use crate::cli::UserCommand;
use crate::commands::Context;
use crate::error::Result;
use crate::output::UserReport;
use crate::users::{PictureKind, Selector, User};

pub async fn run(command: &UserCommand, ctx: &Context) -> Result<()> {
    match command {
        UserCommand::Add(args) => {
            let db = ctx.db().await?;
            let user = db
                .add_user(&args.email, &args.nickname, args.name.as_deref())
                .await?;
            ctx.printer.status(&format!(
                "User '{}' added with id {}.",
                args.nickname, user.id
            ));
            ctx.printer.print(&UserReport {
                user: &user,
                picture: None,
                single: true,
            });
        }
        UserCommand::Show(args) => {
            let db = ctx.db().await?;
            let user = db
                .find_user(&Selector::parse(&args.user, args.user_by)?)
                .await?;
            report(ctx, &user, true).await?;
        }
        UserCommand::List(args) => {
            let db = ctx.db().await?;
            for user in db.list_users(args.limit).await? {
                report(ctx, &user, false).await?;
            }
        }
    }
    Ok(())
}

async fn report(ctx: &Context, user: &User, single: bool) -> Result<()> {
    let picture = ctx.db().await?.current(PictureKind::User, &user.id).await?;
    ctx.printer.print(&UserReport {
        user,
        picture: picture.as_ref(),
        single,
    });
    Ok(())
}

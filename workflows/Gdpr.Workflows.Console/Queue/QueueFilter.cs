using System.Globalization;
using Gdpr.Workflows.Erasure.Requests;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.WebConsole.Queue;

/// <summary>Which systems a queue row must have in trouble.</summary>
public enum SystemTrouble
{
    Any,
    Failed,
    NotResponding,
}

/// <summary>
/// The queue's filters as the query string carries them: <c>status</c>, <c>overdue=1</c>, <c>within=N</c> (due within N
/// days), <c>awaiting=1</c> (awaiting verification), <c>systems=failed|noresponse</c>, <c>q</c> (request id or subject
/// identifier) and <c>after</c> (the keyset position of the next page).
/// </summary>
public sealed record QueueFilter(RequestStatus? Status, bool Overdue, int? Within, SystemTrouble Systems, string? Search, string? After)
{
    public const int MaxWithinDays = 3660;

    public static QueueFilter Read(IQueryCollection query, out string? problem)
    {
        problem = null;
        RequestStatus? status = null;
        if (query["status"].ToString() is { Length: > 0 } statusText)
        {
            if (RequestStatuses.TryParse(statusText, out var parsed) && !parsed.IsFinal())
            {
                status = parsed;
            }
            else
            {
                problem = "The status filter must be one of the open statuses.";
            }
        }

        if (query["awaiting"] == "1")
        {
            status = RequestStatus.AwaitingVerification;
        }

        int? within = null;
        if (query["within"].ToString() is { Length: > 0 } withinText)
        {
            if (int.TryParse(withinText, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= MaxWithinDays)
            {
                within = days;
            }
            else
            {
                problem = $"'Due within' must be a number of days from 0 to {MaxWithinDays}.";
            }
        }

        var systems = query["systems"].ToString() switch
        {
            "failed" => SystemTrouble.Failed,
            "noresponse" => SystemTrouble.NotResponding,
            _ => SystemTrouble.Any,
        };
        var search = query["q"].ToString().Trim();
        var after = query["after"].ToString();
        return new QueueFilter(status, query["overdue"] == "1", within, systems, search.Length == 0 ? null : search, after.Length == 0 ? null : after);
    }

    /// <summary>The query string of this filter (without the page position unless <paramref name="after"/> is given).</summary>
    public string QueryString(string? after = null)
    {
        var parts = new List<KeyValuePair<string, string?>>();
        if (Status is { } s)
        {
            parts.Add(new("status", s.Name()));
        }

        if (Overdue)
        {
            parts.Add(new("overdue", "1"));
        }

        if (Within is { } w)
        {
            parts.Add(new("within", w.ToString(CultureInfo.InvariantCulture)));
        }

        if (Systems != SystemTrouble.Any)
        {
            parts.Add(new("systems", Systems == SystemTrouble.Failed ? "failed" : "noresponse"));
        }

        if (Search is not null)
        {
            parts.Add(new("q", Search));
        }

        if (after is not null)
        {
            parts.Add(new("after", after));
        }

        return Microsoft.AspNetCore.Http.QueryString.Create(parts).ToString();
    }
}

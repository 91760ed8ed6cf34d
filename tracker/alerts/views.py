"""Watch pages: list, add and remove (signed in), and the one-click unsubscribe (by signed token)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from tracker.alerts.forms import WatchForm
from tracker.alerts.links import site_reverse
from tracker.alerts.models import Watch
from tracker.alerts.services import unsubscribe_target, watch_add, watch_remove, watch_unsubscribe


@login_required
@require_http_methods(["GET"])
def watch_list(request: HttpRequest) -> HttpResponse:
    """My watches, with the number of hits not yet sent, and the form to add one."""
    watches = (
        Watch.objects.filter(user=request.user.pk)
        .select_related("jurisdiction")
        .annotate(unsent=Count("hits", filter=Q(hits__digest__isnull=True)))
    )
    form = WatchForm(
        initial={"jurisdiction": request.GET.get("jurisdiction", ""), "rule_id": request.GET.get("rule", "")}
    )
    return _list_page(request, watches, form)


def _list_page(request: HttpRequest, watches: QuerySet[Watch], form: WatchForm, status: int = 200) -> HttpResponse:
    rows = [(watch, site_reverse("alerts:remove", watch.pk)) for watch in watches]
    context = {"watches": rows, "form": form, "add_url": site_reverse("alerts:add")}
    return render(request, "alerts/watch_list.html", context, status=status)


@login_required
@require_POST
def watch_create(request: HttpRequest) -> HttpResponse:
    """Add a watch from the form, then go back to `next` (a page of this site) or to the list."""
    form = WatchForm(request.POST)
    if not form.is_valid():
        watches = Watch.objects.filter(user=request.user.pk).select_related("jurisdiction")
        return _list_page(request, watches, form, status=400)
    watch = watch_add(
        user=request.user, jurisdiction=form.cleaned_data["jurisdiction"], rule_id=form.cleaned_data["rule_id"]
    )
    target = watch.jurisdiction.name if watch.jurisdiction else watch.rule_id
    messages.success(request, f"You now follow {target}.")
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(back)  # the page whose watch button was pressed
    return redirect(site_reverse("alerts:list"))


@login_required
@require_POST
def watch_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop following (only your own watches)."""
    if watch_remove(user=request.user, watch_id=pk):
        messages.success(request, "Watch removed.")
    return redirect(site_reverse("alerts:list"))


# The token is the credential, and mail clients post RFC 8058 one-click requests without a CSRF token.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation (link scanners must not unsubscribe anyone); POST unsubscribes."""
    try:
        unsubscribe_target(token=token)
    except signing.SignatureExpired:
        return render(request, "alerts/unsubscribe.html", {"expired": True}, status=400)
    except signing.BadSignature:
        return render(request, "alerts/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "GET":
        return render(request, "alerts/unsubscribe.html", {"token": token})
    removed = watch_unsubscribe(token=token)
    return render(request, "alerts/unsubscribe.html", {"done": True, "removed": removed})
